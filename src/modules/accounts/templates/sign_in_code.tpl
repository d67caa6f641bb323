{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_signin_code_title}}</h1>
<p>{{T_signin_code_text}}</p>
<form method="post" action="/masuk/kode" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{>FIELDS}}
<button type="submit">{{T_signin_code_button}}</button>
</form>
<p><small>{{T_signin_code_lost}}</small></p>
</article>
