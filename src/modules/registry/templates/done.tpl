{{%AUTOESCAPE context="HTML"}}
<article>
<header><h1>{{T_receipt_title}}</h1></header>
<p class="flash" role="status">{{#NEW}}{{T_lapor_done_new}}{{/NEW}}{{#UPDATED_RECORD}}{{T_lapor_done_updated}}{{/UPDATED_RECORD}}</p>
<p>{{T_receipt_registration_number}}: <strong class="regno">{{REG_NUMBER}}</strong><br>{{T_identity_full_name}}: {{FULL_NAME}}<br>{{T_receipt_status}}: {{STATUS}}</p>
{{#CURRENT_STAY}}<p>{{T_lapor_your_mission}}: <strong>{{MISSION}}</strong> ({{MISSION_CITY}})<br>{{T_mission_address}}: {{MISSION_ADDRESS}}<br>{{T_mission_phone}}: {{MISSION_PHONE}}</p>
{{#HAS_NOTE}}<p><small>{{NOTE}}</small></p>{{/HAS_NOTE}}{{/CURRENT_STAY}}
<p><a href="/api/v1/me/lapor-diri/receipt.pdf" hx-boost="false" role="button">{{T_home_receipt_pdf}}</a> <a href="/beranda" role="button" class="secondary">{{T_nav_home}}</a></p>
<p><small>{{T_receipt_verify_hint}} <a href="{{VERIFY_PATH}}">{{T_receipt_verify_link}}</a></small></p>
</article>
