{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_crisis_nav}}"><ul><li><a href="/konsol/krisis">{{T_crisis_list_title}}</a></li><li><a href="/konsol/krisis/{{ID}}">{{TITLE}}</a></li></ul></nav>
<article>
<header><h1>{{T_crisis_preview_title}}</h1><p>{{TITLE}}</p></header>
{{#FIXED}}<p><small>{{T_crisis_preview_fixed}}</small></p>{{/FIXED}}
<p class="reach"><strong id="reach-total">{{TOTAL}}</strong> {{T_crisis_reach_citizens}}</p>
{{#HAS_UNPLACED}}<p><small>{{T_crisis_unplaced_near}}: {{UNPLACED}}</small></p>{{/HAS_UNPLACED}}
<h2>{{T_crisis_by_mission}}</h2><ul>{{#BY_MISSION}}<li>{{LABEL}}: {{N}}</li>{{/BY_MISSION}}</ul>
<h2>{{T_crisis_by_category}}</h2><ul>{{#BY_CATEGORY}}<li>{{LABEL}}: {{N}}</li>{{/BY_CATEGORY}}</ul>
<h2>{{T_crisis_by_placement}}</h2><ul>{{#PLACED}}<li>{{LABEL}}: {{N}}</li>{{/PLACED}}</ul>
{{#CAN_SEND}}<form method="post" action="/konsol/krisis/{{ID}}/kirim">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit">{{T_crisis_send}}</button>
</form>{{/CAN_SEND}}
</article>
