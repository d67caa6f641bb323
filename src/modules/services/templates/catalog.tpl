{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_services_catalog_title}}</h1><p>{{T_services_catalog_intro}}</p></hgroup>
{{#MINE_LINK}}<p><a href="/layanan/saya" role="button" class="secondary">{{T_services_mine_title}}</a></p>{{/MINE_LINK}}
<ul class="service-index">{{#SERVICE}}<li><a href="#{{CODE}}">{{NAME}}</a></li>{{/SERVICE}}</ul>
{{#SERVICE}}<article id="{{CODE}}">
<header><h2>{{NAME}}</h2></header>
<p>{{DESCRIPTION}}</p>
<h3>{{T_services_documents}}</h3>
<ul>{{#DOC}}<li>{{NAME}}{{#OPTIONAL}} <small>({{T_services_optional}})</small>{{/OPTIONAL}}</li>{{/DOC}}</ul>
<dl>
<dt>{{T_services_fee}}</dt><dd>{{#FREE}}{{T_services_free}}{{/FREE}}{{#PAID}}{{FEE}}{{/PAID}}</dd>
<dt>{{T_services_days}}</dt><dd>{{DAYS}} {{T_services_working_days}}</dd>
<dt>{{T_services_eligibility}}</dt><dd>{{ELIGIBILITY}}</dd>
<dt>{{T_services_output}}</dt><dd>{{OUTPUT}}</dd>
</dl>
<footer><a href="/layanan/ajukan/{{CODE}}" role="button">{{T_services_apply}}</a></footer>
</article>
{{/SERVICE}}
