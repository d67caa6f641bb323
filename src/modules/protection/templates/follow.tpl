{{%AUTOESCAPE context="HTML"}}
<article>
<header><h1>{{T_protection_follow_title}}</h1></header>
{{#FRESH}}<p class="flash" role="status">{{T_protection_follow_fresh}}<br><strong><a href="{{FOLLOW_PATH}}" id="follow-link">{{T_protection_follow_link}}</a></strong></p>{{/FRESH}}
<p>{{T_protection_tracking}}: <strong class="regno" id="tracking">{{TRACKING}}</strong></p>
<p>{{T_protection_col_category}}: {{CATEGORY}}<br>{{T_protection_col_state}}: <strong id="case-state" data-state="{{STATE_KEY}}">{{STATE}}</strong>{{#HAS_OUTCOME}} ({{OUTCOME}}){{/HAS_OUTCOME}}<br>{{T_protection_col_mission}}: {{MISSION}}</p>
<h2>{{T_protection_timeline}}</h2>
<ol class="timeline">{{#ENTRY}}<li><small>{{AT}}</small> {{WHAT}}{{#HAS_BODY}}<br>{{BODY}}{{/HAS_BODY}}</li>
{{/ENTRY}}</ol>
</article>
