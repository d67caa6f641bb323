{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_services_mine_title}}</h1><p>{{T_services_mine_intro}}</p></hgroup>
<p><a href="/layanan" role="button" class="secondary">{{T_services_catalog_title}}</a> <a href="/layanan/pesan" role="button" class="secondary outline">{{T_services_messages_title}}</a></p>
{{#EMPTY}}<p>{{T_services_mine_empty}}</p>{{/EMPTY}}
<ul class="console-list">
{{#APP}}<li><article>
<header><a href="/layanan/saya/{{ID}}"><strong>{{SERVICE}}</strong></a></header>
<p>{{STATE}}<br><small>{{T_services_due}} {{DUE}}</small></p>
</article></li>
{{/APP}}</ul>
