{{%AUTOESCAPE context="HTML"}}
<article>
<header>{{#PUBLIC}}<h1>{{T_protection_public_title}}</h1><p>{{T_protection_public_intro}}</p>{{/PUBLIC}}{{#CITIZEN}}<h1>{{T_protection_citizen_title}}</h1><p>{{T_protection_citizen_intro}}</p>{{/CITIZEN}}</header>
<p><small>{{T_protection_emergency_hint}}</small></p>
<form method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
{{#PUBLIC}}<div hidden><label for="f-website">{{T_protection_field_website}}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>{{/PUBLIC}}
<button type="submit">{{T_protection_submit}}</button>
</form>
</article>
{{#CITIZEN}}<article>
<h2>{{T_protection_my_cases}}</h2>
{{#NONE_MINE}}<p>{{T_protection_none_mine}}</p>{{/NONE_MINE}}
<ul>{{#MINE}}<li><a href="/lindungi/{{ID}}">{{TRACKING}}</a> · {{CATEGORY}} · {{STATE}} <small>({{CREATED}})</small></li>
{{/MINE}}</ul>
</article>{{/CITIZEN}}
