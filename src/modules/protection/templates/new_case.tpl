{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus">{{T_protection_queue_title}}</a></li><li><a href="/konsol/kasus/baru" aria-current="page">{{T_protection_new_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_protection_new_title}}</h1><p>{{T_protection_new_intro}}</p></header>
<form method="post" action="/konsol/kasus/baru" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<fieldset><legend>{{T_protection_field_risk_flags}}</legend>
{{#RISK}}<label><input type="checkbox" name="risk" value="{{VALUE}}"> {{LABEL}}</label>
{{/RISK}}</fieldset>
<button type="submit">{{T_protection_open_case}}</button>
</form>
</article>
