{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_staff_set_password_title}}</h1>
{{#FORM}}<p>{{T_staff_set_password_text}}</p>
<form method="post" action="/atur-kata-sandi" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
{{>FIELDS}}
<button type="submit">{{T_staff_set_password_button}}</button>
</form>{{/FORM}}
{{#INVALID}}<p>{{T_staff_set_password_invalid}}</p>{{/INVALID}}
</article>
