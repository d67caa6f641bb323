{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_crisis_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/krisis">{{T_crisis_list_title}}</a></li></ul></nav>
<article>
<header><p><mark class="level-{{LEVEL_CODE}}">{{LEVEL}}</mark> · {{STATE}} · {{MISSION}}</p><h1>{{TITLE}}</h1></header>
<p class="keep-lines">{{TEXT}}</p>
<dl>
<dt>{{T_crisis_area}}</dt><dd><code class="crisis-area">{{AREA}}</code></dd>
<dt>{{T_crisis_field_categories}}</dt><dd>{{CATEGORIES}}</dd>
<dt>{{T_crisis_field_text_channels}}</dt><dd>{{TEXT_CHANNELS}}</dd>
{{#SAFETY_CHECK}}<dt>{{T_crisis_field_safety_check}}</dt><dd>✓</dd>{{/SAFETY_CHECK}}
</dl>
<p><a href="/konsol/krisis/{{ID}}/pratinjau" role="button" class="secondary">{{T_crisis_preview_title}}</a></p>
</article>
<article>
<h2>{{T_crisis_delivery}}</h2>
<table><thead><tr><th>{{T_crisis_queued}}</th><th>{{T_crisis_sent}}</th><th>{{T_crisis_failed}}</th></tr></thead>
<tbody><tr><td id="count-queued">{{QUEUED}}</td><td id="count-sent">{{SENT}}</td><td id="count-failed">{{FAILED}}</td></tr></tbody></table>
{{#PLACED}}{{#PLACED_first}}<h3>{{T_crisis_by_placement}}</h3><ul>{{/PLACED_first}}<li>{{LABEL}}: {{N}}</li>{{#PLACED_last}}</ul>{{/PLACED_last}}{{/PLACED}}
{{#BY_MISSION}}{{#BY_MISSION_first}}<h3>{{T_crisis_by_mission}}</h3><ul>{{/BY_MISSION_first}}<li>{{LABEL}}: {{N}}</li>{{#BY_MISSION_last}}</ul>{{/BY_MISSION_last}}{{/BY_MISSION}}
<h2>{{T_crisis_alerts}}</h2>
{{#NO_ALERTS}}<p>{{T_crisis_no_alerts}}</p>{{/NO_ALERTS}}
<ul>{{#ALERT}}<li>{{AT}} UTC · {{ALERT_LEVEL}} · {{ALERT_TITLE}} · {{T_crisis_audience}} {{AUDIENCE}} · {{T_crisis_queued}} {{ALERT_QUEUED}}</li>
{{/ALERT}}</ul>
</article>
{{#CAN_MANAGE}}<article>
<h2>{{T_crisis_edit}}</h2>
{{#DRAFT}}<p><small>{{T_crisis_edit_draft_hint}}</small></p>{{/DRAFT}}
{{>EDIT_FORM}}
</article>{{/CAN_MANAGE}}
<link rel="stylesheet" href="/static/crisis_alerts.css">
