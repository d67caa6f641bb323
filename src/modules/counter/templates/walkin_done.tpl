{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_counter_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/duplikat">{{T_counter_claims_title}}</a></li><li><a href="/konsol/loket">{{T_counter_start_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_counter_done_title}}</h1></header>
<p>{{T_receipt_registration_number}}: <strong class="regno">{{REG_NUMBER}}</strong><br>
{{T_identity_full_name}}: {{NAME}}<br>NIK: {{NIK}}<br>
{{T_receipt_status}}: {{STATUS}}<br>
{{T_counter_mission}}: {{MISSION}}<br>
{{T_counter_col_holder}}: {{HOLDER}}<br>
{{T_counter_updated}}: {{UPDATED}}</p>
{{#ENTERED_BY_STAFF}}<p>{{T_counter_entered_by}} {{ROLE}} {{BY_MISSION}} <small>(#{{BY_ID}})</small></p>{{/ENTERED_BY_STAFF}}
{{#FLAG}}<p class="flash flash-error">{{TEXT}}</p>{{/FLAG}}
<p><a href="/konsol/loket/{{CITIZEN_ID}}/bukti.pdf" hx-boost="false" role="button">{{T_home_receipt_pdf}}</a>
<a href="/konsol/loket/baru" role="button" class="secondary">{{T_counter_next_walkin}}</a></p>
</article>
