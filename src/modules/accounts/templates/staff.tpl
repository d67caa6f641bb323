{{%AUTOESCAPE context="HTML"}}
<h1>{{T_staff_title}}</h1>
{{#SCOPED}}<p>{{T_staff_scope}} <strong>{{SCOPE}}</strong></p>{{/SCOPED}}
{{#FILTER}}<form method="get" action="/admin/staf" class="filter">
<label for="misi">{{T_staff_mission}}</label>
<select id="misi" name="misi">
<option value="">{{T_staff_all_missions}}</option>
{{#MISSION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/MISSION}}</select>
<button type="submit" class="secondary">{{T_staff_filter}}</button>
</form>{{/FILTER}}
<div class="overflow-auto">
<table>
<thead><tr><th>{{T_account_name}}</th><th>{{T_staff_role}}</th><th>{{T_staff_mission}}</th><th>{{T_staff_state}}</th><th>{{T_staff_second_factor}}</th><th></th></tr></thead>
<tbody>
{{#STAFF}}<tr>
<td>{{NAME}}<br><small>{{EMAIL}}</small></td>
<td>{{ROLE}}</td>
<td>{{MISSION}}</td>
<td>{{STATE}}</td>
<td>{{SECOND_FACTOR}}</td>
<td>{{#ACTIONS}}<details><summary>{{T_staff_actions}}</summary>
{{#DISABLE}}<form method="post" action="/admin/staf/{{ID}}/nonaktifkan"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_staff_disable}}</button></form>{{/DISABLE}}
{{#ENABLE}}<form method="post" action="/admin/staf/{{ID}}/aktifkan"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_staff_enable}}</button></form>{{/ENABLE}}
{{#RESET}}<form method="post" action="/admin/staf/{{ID}}/atur-ulang-2fa"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_staff_reset}}</button></form>{{/RESET}}
</details>{{/ACTIONS}}</td>
</tr>
{{/STAFF}}</tbody>
</table>
</div>
{{#EMPTY}}<p>{{T_staff_empty}}</p>{{/EMPTY}}
<article>
<h2>{{T_staff_create_title}}</h2>
<p>{{T_staff_create_text}}</p>
<form method="post" action="/admin/staf" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<button type="submit">{{T_staff_create_button}}</button>
</form>
</article>
