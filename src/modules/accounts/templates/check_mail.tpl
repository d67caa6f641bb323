{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_account_check_mail}}</h1>
<p>{{T_account_check_mail_text}} <strong>{{EMAIL}}</strong>.</p>
<p><a href="/masuk">{{T_nav_sign_in}}</a></p>
</article>
