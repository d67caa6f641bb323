{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_verify_title}}</h1>
{{#GENUINE}}<p class="flash" role="status">{{T_verify_genuine}}</p>
<dl>
<dt>{{T_verify_initials}}</dt><dd>{{INITIALS}}</dd>
<dt>{{T_receipt_mission}}</dt><dd>{{MISSION}}</dd>
<dt>{{T_receipt_registered_at}}</dt><dd>{{DATE}}</dd>
<dt>{{T_verify_stay}}</dt><dd>{{#ACTIVE}}{{T_verify_active}}{{/ACTIVE}}{{#INACTIVE}}{{T_verify_inactive}}{{/INACTIVE}}</dd>
</dl>{{/GENUINE}}
{{#NOT_FOUND}}<p class="flash flash-error" role="alert">{{T_verify_not_found}}</p>{{/NOT_FOUND}}
</article>
