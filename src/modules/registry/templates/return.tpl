{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_return_title}}</h1>
<p>{{T_return_intro}}</p>
<form method="post" action="/kembali" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<button type="submit">{{T_return_button}}</button>
</form>
</article>
