{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_crisis_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/krisis" aria-current="page">{{T_crisis_list_title}}</a></li>{{#CAN_CREATE}}<li><a href="/konsol/krisis/baru">{{T_crisis_new_title}}</a></li>{{/CAN_CREATE}}</ul></nav>
<article>
<header><h1>{{T_crisis_list_title}}</h1><p>{{T_crisis_list_intro}}</p></header>
{{#NONE}}<p>{{T_crisis_none}}</p>{{/NONE}}
<ul class="crisis-list">
{{#CRISIS}}<li><a href="/konsol/krisis/{{ID}}">{{TITLE}}</a><br><small><mark class="level-{{LEVEL_CODE}}">{{LEVEL}}</mark> · {{STATE}} · {{MISSION}}</small></li>
{{/CRISIS}}</ul>
</article>
