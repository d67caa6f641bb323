{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_services_verify_title}}</h1><p>{{T_services_verify_intro}}</p></hgroup>
{{#FOUND}}<article><p class="verify-status" data-status="{{STATUS}}"><strong>{{STATUS_TEXT}}</strong></p></article>{{/FOUND}}
{{#NOT_FOUND}}<article><p data-status="unknown">{{T_services_verify_unknown}}</p></article>{{/NOT_FOUND}}
