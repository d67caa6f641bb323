{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_missions_new_title}}</h1>
<p><a href="/admin/perwakilan">{{T_missions_back}}</a></p>
<form method="post" action="/admin/perwakilan/baru" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="working_days_shown" value="1">
{{>HEAD_FIELDS}}
{{>FIELDS}}
<fieldset>
<legend>{{T_missions_field_working_days}}</legend>
{{#DAY}}<label><input type="checkbox" name="working_days" value="{{N}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/DAY}}{{#HAS_DAYS_ERROR}}<small class="error" role="alert">{{DAYS_ERROR}}</small>{{/HAS_DAYS_ERROR}}
</fieldset>
<button type="submit">{{T_missions_schedule}}</button>
</form>
</article>
