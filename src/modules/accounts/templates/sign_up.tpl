{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_account_sign_up}}</h1>
<p>{{T_account_sign_up_intro}}</p>
<form method="post" action="/daftar" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<button type="submit">{{T_account_sign_up_button}}</button>
</form>
<p>{{T_account_have_account}} <a href="/masuk">{{T_nav_sign_in}}</a></p>
</article>
