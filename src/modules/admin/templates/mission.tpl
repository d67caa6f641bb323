{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{NAME}}</h1>
<p><a href="/admin/perwakilan">{{T_missions_back}}</a></p>
{{#CLOSED}}<p><mark>{{T_missions_closed}}</mark> → <a href="/admin/perwakilan/{{SUCCESSOR:u}}">{{SUCCESSOR}}</a></p>{{/CLOSED}}
<dl>
<dt>{{T_missions_field_code}}</dt><dd>{{CODE}} ({{TYPE}})</dd>
<dt>{{T_missions_field_city}}</dt><dd>{{CITY}}, {{COUNTRY}}</dd>
<dt>{{T_missions_field_timezone}}</dt><dd>{{TIMEZONE}} — {{T_missions_local_time}}: {{LOCAL_TIME}} ({{WORKING_TODAY}})</dd>
<dt>{{T_missions_field_working_days}}</dt><dd>{{DAYS}}</dd>
<dt>{{T_missions_field_address}}</dt><dd>{{ADDRESS}}</dd>
<dt>{{T_missions_field_phone}}</dt><dd>{{PHONE}}</dd>
</dl>
<h2>{{T_missions_jurisdiction}}</h2>
<div class="overflow-auto">
<table>
<thead><tr><th>{{T_missions_field_country}}</th><th>{{T_missions_subdivision}}</th><th>{{T_missions_field_city}}</th></tr></thead>
<tbody>
{{#AREA}}<tr><td>{{COUNTRY}}</td><td>{{SUBDIVISION}}</td><td>{{CITY}}</td></tr>
{{/AREA}}</tbody>
</table>
</div>
<h2>{{T_missions_history}}</h2>
<div class="overflow-auto">
<table>
<thead><tr><th>#</th><th>{{T_missions_field_effective_date}}</th><th>{{T_missions_change}}</th><th>{{T_missions_state}}</th><th>{{T_missions_created}}</th><th></th></tr></thead>
<tbody>
{{#CHANGE}}<tr><td>{{ID}}</td><td>{{EFFECTIVE}}</td><td>{{KIND}}: {{SUMMARY}}{{#HAS_MOVED}} ({{T_missions_moved_stays}}: {{MOVED}}){{/HAS_MOVED}}</td><td>{{STATE}}</td><td>{{CREATED}}</td>
<td>{{#CANCELLABLE}}<form method="post" action="/admin/perwakilan/{{CODE:u}}/perubahan/{{ID}}/batal"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_missions_cancel}}</button></form>{{/CANCELLABLE}}</td></tr>
{{/CHANGE}}</tbody>
</table>
</div>
{{#OPEN}}
<h2>{{T_missions_schedule_change}}</h2>
<p><small>{{T_missions_schedule_help}}</small></p>
<form method="post" action="/admin/perwakilan/{{CODE:u}}/perubahan" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="kind" value="update">
<input type="hidden" name="working_days_shown" value="1">
{{>FIELDS}}
<fieldset>
<legend>{{T_missions_field_working_days}}</legend>
{{#DAY}}<label><input type="checkbox" name="working_days" value="{{N}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/DAY}}{{#HAS_DAYS_ERROR}}<small class="error" role="alert">{{DAYS_ERROR}}</small>{{/HAS_DAYS_ERROR}}
</fieldset>
<button type="submit">{{T_missions_schedule}}</button>
</form>
<details>
<summary>{{T_missions_close_title}}</summary>
<p><small>{{T_missions_close_help}}</small></p>
<form method="post" action="/admin/perwakilan/{{CODE:u}}/perubahan" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="kind" value="close">
{{>CLOSE_FIELDS}}
<button type="submit" class="secondary">{{T_missions_close_button}}</button>
</form>
</details>
{{/OPEN}}
</article>
