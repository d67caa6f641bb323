{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_account_sign_in}}</h1>
<form method="post" action="/masuk" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{>FIELDS}}
<button type="submit">{{T_account_sign_in_button}}</button>
</form>
<p>{{T_account_no_account}} <a href="/daftar">{{T_nav_sign_up}}</a></p>
<details>
<summary>{{T_account_resend_title}}</summary>
<form method="post" action="/verify-email/resend">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="resend-email">{{T_account_email}}</label>
<input id="resend-email" name="email" type="email" autocomplete="email">
<button type="submit" class="secondary">{{T_account_resend_button}}</button>
</form>
</details>
</article>
