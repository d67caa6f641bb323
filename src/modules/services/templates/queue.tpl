{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_services_queue_title}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/layanan" aria-current="page">{{T_services_queue_title}}</a></li><li><a href="/konsol/layanan/hari">{{T_services_day_title}}</a></li></ul></nav>
<hgroup><h1>{{T_services_queue_title}}</h1><p>{{T_services_queue_intro}}</p></hgroup>
{{#EMPTY}}<p>{{T_services_queue_empty}}</p>{{/EMPTY}}
<ul class="console-list">
{{#APP}}<li><article class="rag-{{RAG}}">
<header><a href="/konsol/layanan/{{ID}}"><strong>{{NAME}}</strong></a> <small>{{SERVICE}}</small></header>
<p><span class="rag rag-{{RAG}}" data-rag="{{RAG}}">{{RAG_TEXT}}</span> · {{STATE}} · {{T_services_due}} {{DUE}} · {{MISSION}}{{#ESCALATED}}<br><mark>{{ESCALATION}}</mark>{{/ESCALATED}}</p>
</article></li>
{{/APP}}</ul>
{{#CAN_ADD_SLOT}}<details><summary>{{T_services_add_slot}}</summary>
<form method="post" action="/konsol/layanan/slot">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="s-service">{{T_services_service}}<select id="s-service" name="service">{{#SERVICE_OPTION}}<option value="{{CODE}}">{{NAME}}</option>{{/SERVICE_OPTION}}</select></label>
<label for="s-start">{{T_services_slot_start}}<input id="s-start" name="starts_at" type="datetime-local" required></label>
<label for="s-cap">{{T_services_capacity}}<input id="s-cap" name="capacity" type="number" min="1" max="500" value="5" required></label>
<button type="submit">{{T_services_add_slot}}</button>
</form></details>{{/CAN_ADD_SLOT}}
