{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus">{{T_protection_queue_title}}</a></li><li><a href="/konsol/kasus/dasbor" aria-current="page">{{T_protection_dashboard_title}}</a></li></ul></nav>
<hgroup><h1>{{T_protection_dashboard_title}}</h1><p>{{T_protection_dashboard_intro}}</p></hgroup>
<form method="get" action="/konsol/kasus/dasbor" class="grid">
{{#HQ}}<label for="d-mission">{{T_protection_col_mission}}<select id="d-mission" name="mission"><option value="">{{T_protection_all_missions}}</option>{{#MISSION_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/MISSION_OPTION}}</select></label>{{/HQ}}
<label for="d-category">{{T_protection_col_category}}<select id="d-category" name="category"><option value="">{{T_protection_filter_any}}</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select></label>
<button type="submit">{{T_protection_filter_apply}}</button>
</form>
{{#NONE}}<p>{{T_protection_none}}</p>{{/NONE}}
<div class="overflow-auto"><table class="striped" id="case-dashboard">
<thead><tr><th>{{T_protection_col_mission}}</th><th>{{T_protection_col_category}}</th>{{#STATE_HEAD}}<th>{{LABEL}}</th>{{/STATE_HEAD}}<th>{{T_protection_dashboard_total}}</th><th>{{T_protection_dashboard_overdue}}</th><th>{{T_protection_dashboard_escalated}}</th><th>{{T_protection_dashboard_restricted}}</th></tr></thead>
<tbody>
{{#LINE}}<tr data-mission="{{MISSION_CODE}}"><td>{{MISSION}}</td><td>{{CATEGORY}}</td>{{#CELL}}<td>{{N}}</td>{{/CELL}}<td>{{TOTAL}}</td><td>{{OVERDUE}}</td><td>{{ESCALATED}}</td><td>{{RESTRICTED}}</td></tr>
{{/LINE}}</tbody>
<tfoot>{{#ALL}}<tr id="dashboard-total"><th colspan="2">{{T_protection_dashboard_total}}</th>{{#CELL}}<td>{{N}}</td>{{/CELL}}<td>{{TOTAL}}</td><td>{{OVERDUE}}</td><td>{{ESCALATED}}</td><td>{{RESTRICTED}}</td></tr>{{/ALL}}</tfoot>
</table></div>
