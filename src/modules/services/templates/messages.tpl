{{%AUTOESCAPE context="HTML"}}
<p><a href="/layanan/saya">{{T_services_mine_title}}</a></p>
<h1>{{T_services_messages_title}}</h1>
{{#EMPTY}}<p>{{T_services_messages_empty}}</p>{{/EMPTY}}
<ul class="console-list">
{{#MESSAGE}}<li><article>
<header><a href="/layanan/saya/{{APP_ID}}"><strong>{{SERVICE}}</strong></a> <small>{{AT}}</small></header>
<p>{{STATE}}{{#HAS_NOTE}}<br>{{NOTE}}{{/HAS_NOTE}}</p>
</article></li>
{{/MESSAGE}}</ul>
