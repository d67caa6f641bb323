{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_access_title}}</h1>
<p>{{T_access_help}}</p>
{{#NONE}}<p>{{T_access_none}}</p>{{/NONE}}
<ul class="access-list">
{{#ACCESS}}<li><strong>{{WHEN}}</strong><br>{{ROLE}}, {{MISSION}}<br><small>{{T_access_purpose}}: {{PURPOSE}}</small></li>
{{/ACCESS}}</ul>
<p><a href="/beranda">{{T_nav_back_home}}</a></p>
</article>
