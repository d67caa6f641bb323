{{%AUTOESCAPE context="HTML"}}
<article>
<header><h1>{{T_crisis_inbox_title}}</h1><p>{{T_crisis_inbox_intro}}</p></header>
{{#NONE}}<p>{{T_crisis_inbox_none}}</p>{{/NONE}}
{{#MESSAGE}}<section class="message">
<h2>{{SUBJECT}}</h2>
<p><small>{{AT}} UTC</small></p>
<p class="keep-lines">{{TEXT}}</p>
</section>
{{/MESSAGE}}
</article>
<link rel="stylesheet" href="/static/crisis_alerts.css">
