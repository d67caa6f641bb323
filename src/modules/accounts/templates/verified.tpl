{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_account_verify_title}}</h1>
{{#OK}}<p>{{T_account_verified}}</p><p><a href="/masuk" role="button">{{T_nav_sign_in}}</a></p>{{/OK}}
{{#FAILED}}<p>{{T_err_token_invalid}}</p><p><a href="/masuk">{{T_account_resend_title}}</a></p>{{/FAILED}}
</article>
