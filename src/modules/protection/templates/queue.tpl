{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus" aria-current="page">{{T_protection_queue_title}}</a></li>{{#CAN_OPEN}}<li><a href="/konsol/kasus/baru">{{T_protection_new_title}}</a></li>{{/CAN_OPEN}}</ul></nav>
<hgroup><h1>{{T_protection_queue_title}}</h1><p>{{SCOPE}}</p></hgroup>
<details>
<summary>{{T_protection_filter_title}}</summary>
<form method="get" action="/konsol/kasus">
<label for="q-state">{{T_protection_col_state}}</label>
<select id="q-state" name="state"><option value="">{{T_protection_filter_open}}</option><option value="all"{{#STATE_ALL}} selected{{/STATE_ALL}}>{{T_protection_filter_all}}</option>{{#STATE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/STATE_OPTION}}</select>
<label for="q-category">{{T_protection_col_category}}</label>
<select id="q-category" name="category"><option value="">{{T_protection_filter_any}}</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select>
<label for="q-priority">{{T_protection_col_priority}}</label>
<select id="q-priority" name="priority"><option value="">{{T_protection_filter_any}}</option>{{#PRIORITY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/PRIORITY_OPTION}}</select>
<label><input type="checkbox" name="mine" value="1"{{#MINE}} checked{{/MINE}}> {{T_protection_filter_mine}}</label>
<label for="q-esc">{{T_protection_col_escalation}}</label>
<select id="q-esc" name="escalated"><option value="">{{T_protection_filter_any}}</option><option value="1"{{#ESCALATED}} selected{{/ESCALATED}}>{{T_protection_filter_escalated}}</option><option value="hq"{{#ESCALATED_HQ}} selected{{/ESCALATED_HQ}}>{{T_protection_escalation_2}}</option></select>
<button type="submit">{{T_protection_filter_apply}}</button>
</form>
</details>
<p><a href="{{EXPORT_CSV}}" hx-boost="false">{{T_protection_export_csv}}</a> · <a href="{{EXPORT_XLSX}}" hx-boost="false">{{T_protection_export_xlsx}}</a></p>
{{#NONE}}<p>{{T_protection_none}}</p>{{/NONE}}
<div class="overflow-auto"><table class="striped" id="case-queue">
<thead><tr><th>{{T_protection_col_due}}</th><th>{{T_protection_tracking}}</th><th>{{T_protection_col_subject}}</th><th>{{T_protection_col_category}}</th><th>{{T_protection_col_state}}</th><th>{{T_protection_col_mission}}</th></tr></thead>
<tbody>
{{#CASE}}<tr data-case="{{ID}}" data-rag="{{RAG}}"><td><mark class="rag-{{RAG}}">{{RAG_LABEL}}</mark> {{DUE}}{{#ESCALATED_ROW}}<br><strong class="escalated">{{ESCALATION}}</strong>{{/ESCALATED_ROW}}</td><td><a href="/konsol/kasus/{{ID}}">{{TRACKING}}</a><br><small>{{PRIORITY}}</small></td><td>{{NAME}}{{#RESTRICTED}} <small>({{T_protection_restricted}})</small>{{/RESTRICTED}}</td><td>{{CATEGORY}}</td><td>{{STATE}}{{#ASSIGNED}} · {{T_protection_assigned}}{{/ASSIGNED}}</td><td>{{MISSION}}</td></tr>
{{/CASE}}</tbody></table></div>
{{#HAS_NEXT}}<p><a href="{{NEXT}}">{{T_protection_next_page}}</a></p>{{/HAS_NEXT}}
