{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_admin_title}}</h1>
<ul>
{{#STAFF}}<li><a href="/admin/staf">{{T_admin_staff_link}}</a></li>{{/STAFF}}
{{! Missions administration: put the /admin/perwakilan link inside the MISSIONS section. }}
{{#MISSIONS}}<li><a href="/admin/perwakilan">{{T_missions_missions_title}}</a></li>{{/MISSIONS}}
</ul>
</article>
