{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_auditlog_title}}</h1>
<p><small>{{T_auditlog_help}}</small></p>
<form method="get" action="/audit" novalidate>
{{>FIELDS}}
<button type="submit">{{T_auditlog_filter}}</button>
</form>
<p><a href="{{CSV_URL}}" role="button" class="secondary" download>{{T_auditlog_export}}</a>
<a href="{{VERIFY_URL}}" role="button" class="secondary outline">{{T_auditlog_verify}}</a></p>
{{#VERIFY_OK}}<p class="flash" role="status">{{T_auditlog_verify_ok}} ({{ENTRIES}} {{T_auditlog_checked}})</p>{{/VERIFY_OK}}
{{#VERIFY_BROKEN}}<p class="flash flash-error" role="alert">{{T_auditlog_verify_broken}} #{{BROKEN_ID}}: {{REASON}} ({{ENTRIES}} {{T_auditlog_checked}})</p>{{/VERIFY_BROKEN}}
{{#NONE}}<p>{{T_auditlog_none}}</p>{{/NONE}}
<div class="overflow-auto">
<table>
<thead><tr><th>#</th><th>{{T_auditlog_time}}</th><th>{{T_auditlog_who}}</th><th>{{T_auditlog_action}}</th><th>{{T_auditlog_citizens}}</th><th>{{T_auditlog_purpose}}</th><th>{{T_auditlog_request_id}}</th><th>{{T_auditlog_ip}}</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td>{{ID}}</td><td>{{UTC}}<br><small>{{LOCAL}}</small></td><td>{{ROLE}} {{MISSION}} {{ACTOR}}</td><td>{{ACTION}}</td><td>{{CITIZENS}}</td><td>{{PURPOSE}}</td><td><small>{{REQUEST_ID}}</small></td><td>{{IP}}</td></tr>
{{/ENTRY}}</tbody>
</table>
</div>
{{#NEXT}}<p><a href="{{NEXT_URL}}">{{T_auditlog_next}}</a></p>{{/NEXT}}
{{#FIRST}}<p><a href="{{FIRST_URL}}">{{T_auditlog_first}}</a></p>{{/FIRST}}
</article>
