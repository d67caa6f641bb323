{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_missions_missions_title}}</h1>
<p><a href="/admin/perwakilan/baru" role="button">{{T_missions_new_title}}</a></p>
<form method="get" action="/admin/perwakilan" class="filters">
<label for="f-country">{{T_missions_field_country}}</label>
<select id="f-country" name="country">
<option value="">{{T_missions_all}}</option>
{{#COUNTRY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>
{{/COUNTRY_OPTION}}</select>
<label for="f-type">{{T_missions_field_type}}</label>
<select id="f-type" name="type">
<option value="">{{T_missions_all}}</option>
{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{VALUE}}</option>
{{/TYPE_OPTION}}</select>
<button type="submit" class="secondary">{{T_missions_filter}}</button>
</form>
<div class="overflow-auto">
<table>
<thead><tr><th>{{T_missions_field_code}}</th><th>{{T_missions_field_name}}</th><th>{{T_missions_field_country}}</th><th>{{T_missions_field_timezone}}</th><th>{{T_missions_field_working_days}}</th><th>{{T_missions_scheduled}}</th></tr></thead>
<tbody>
{{#MISSION}}<tr><td><a href="/admin/perwakilan/{{CODE:u}}">{{CODE}}</a></td><td>{{NAME}}{{#CLOSED}} <mark>{{T_missions_closed}}</mark>{{/CLOSED}}</td><td>{{COUNTRY}}</td><td>{{TIMEZONE}}</td><td>{{DAYS}}</td><td>{{PENDING}}</td></tr>
{{/MISSION}}</tbody>
</table>
</div>
</article>
