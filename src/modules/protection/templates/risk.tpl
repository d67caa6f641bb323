{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus">{{T_protection_queue_title}}</a></li><li><a href="/konsol/kasus/risiko" aria-current="page">{{T_protection_risk_title}}</a></li></ul></nav>
<hgroup><h1>{{T_protection_risk_title}}</h1><p>{{T_protection_risk_intro}}</p></hgroup>
{{#NONE}}<p>{{T_protection_risk_none}}</p>{{/NONE}}
<ul id="risk-list">{{#WORKER}}<li data-citizen="{{ID}}"><strong>{{NAME}}</strong> · {{MISSION}} · <small>{{AT}}</small><br>{{RISKS}}
{{#ACT}}<form method="post" action="/konsol/kasus/risiko/{{ID}}/tinjau"><input type="hidden" name="_csrf" value="{{CSRF}}"><label for="n-{{ID}}">{{T_protection_risk_note}}</label><input id="n-{{ID}}" name="note" required maxlength="2000"><button type="submit" class="secondary">{{T_protection_risk_review}}</button></form>
<form method="post" action="/konsol/kasus/risiko/{{ID}}/kasus"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit">{{T_protection_risk_open_case}}</button></form>{{/ACT}}</li>
{{/WORKER}}</ul>
