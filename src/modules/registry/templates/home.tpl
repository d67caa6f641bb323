{{%AUTOESCAPE context="HTML"}}
<h1>{{T_home_greeting}}, {{NAME}}</h1>
{{#DUPLICATE_CLAIM}}<p class="flash flash-error" role="alert">{{T_registry_nik_taken}}</p>{{/DUPLICATE_CLAIM}}
{{#CLAIM_KEPT}}<p class="flash flash-error" role="alert">{{T_counter_home_claim_kept}}</p>{{/CLAIM_KEPT}}
{{#CLAIM_REJECTED}}<p class="flash flash-error" role="alert">{{T_counter_home_claim_rejected}}</p>{{/CLAIM_REJECTED}}
<article id="panic"><h2>{{T_protection_panic_title}}</h2><p><small>{{T_protection_panic_hint}}</small></p>
<form method="post" action="/darurat" id="panic-form" hx-boost="false"><input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="position" value="">
<label id="panic-share-box" hidden><input type="checkbox" id="panic-share" name="share" value="yes"> {{T_protection_panic_share}}</label>
<button type="submit" class="contrast" id="panic-button">{{T_protection_panic_button}}</button></form>
<p><a href="/lindungi">{{T_protection_home_report}}</a></p>
<p><a href="/pesan" id="inbox-home-link">{{T_crisis_inbox_link}}</a></p>
<p><a href="/krisis-saya" id="safety-home-link">{{T_safety_home_link}}</a></p></article>
<script src="/static/panic.js" defer></script>
{{#NO_RECORD}}<article>
<p>{{T_home_no_record}}</p>
<p><a href="/lapor-diri" role="button">{{#HAS_DRAFT}}{{T_home_resume}}{{/HAS_DRAFT}}{{#NO_DRAFT}}{{T_home_start}}{{/NO_DRAFT}}</a></p>
</article>{{/NO_RECORD}}
{{#HAS_RECORD}}<article>
<header><h2>{{T_home_your_report}}</h2></header>
<p>{{T_receipt_registration_number}}: <strong class="regno">{{REG_NUMBER}}</strong><br>{{T_receipt_status}}: {{STATUS}}<br><small>{{T_home_updated}}: {{UPDATED}}</small></p>
{{#ENTERED_BY_STAFF}}<p><small>{{T_counter_home_entered_by}} {{ENTERED_MISSION}}</small></p>{{/ENTERED_BY_STAFF}}
{{#REVIEW}}<p class="flash{{#REVIEW_BAD}} flash-error{{/REVIEW_BAD}}" id="review-state" data-review-state="{{STATE_KEY}}">{{T_console_citizen_review}}: <strong>{{STATE}}</strong>{{#DECIDED}}<br><small>{{T_console_citizen_decided}} {{MISSION}}, {{AT}}</small>{{/DECIDED}}{{#HAS_REASON}}<br>{{T_console_citizen_reason}}: {{REASON}}{{/HAS_REASON}}{{#FIX}}<br><a href="/lapor-diri">{{T_console_citizen_fix}}</a>{{/FIX}}</p>{{/REVIEW}}
<ul class="checks" aria-label="{{T_check_title}}">{{#CHECK}}<li class="check-{{STATE}}">{{TEXT}}</li>{{/CHECK}}</ul>
{{#PASSPORT_EXPIRED}}<p class="flash flash-error">{{T_home_passport_expired}}</p>{{/PASSPORT_EXPIRED}}
{{#CURRENT_STAY}}<section>
<h3>{{T_home_current_stay}}</h3>
<p>{{CITY}}{{#SUBDIVISION}}, {{SUBDIVISION}}{{/SUBDIVISION}}, {{COUNTRY}} · {{CATEGORY}} · {{T_stay_arrival_date}} {{ARRIVAL}}</p>
<p>{{T_lapor_your_mission}}: <strong>{{MISSION}}</strong> ({{MISSION_CITY}})<br>{{T_mission_address}}: {{MISSION_ADDRESS}}<br>{{T_mission_phone}}: {{MISSION_PHONE}}</p>
{{#HAS_NOTE}}<p><small>{{NOTE}}</small></p>{{/HAS_NOTE}}
</section>{{/CURRENT_STAY}}
<p class="actions">
<a href="/lapor-diri" role="button">{{#ACTIVE}}{{T_home_update}}{{/ACTIVE}}{{#INACTIVE}}{{T_home_new_stay}}{{/INACTIVE}}</a>
<a href="/api/v1/me/lapor-diri/receipt.pdf" hx-boost="false" role="button" class="secondary">{{T_home_receipt_pdf}}</a>
{{#ACTIVE}}<a href="/kembali" role="button" class="secondary outline">{{T_return_title}}</a>{{/ACTIVE}}
</p>
{{#PAST_STAY}}<details><summary>{{T_home_past_stay}}: {{CITY}}, {{COUNTRY}} ({{END_REASON}} {{ENDED}})</summary>
<p>{{CATEGORY}} · {{T_stay_arrival_date}} {{ARRIVAL}} · {{MISSION}}</p></details>
{{/PAST_STAY}}
</article>{{/HAS_RECORD}}
<article>
<h2>{{T_home_your_data}}</h2>
<p><a href="/pemilu-saya">{{T_home_voter}}</a></p>
<p><a href="/akses-data">{{T_home_record_access}}</a> · <a href="/api/v1/me/export" hx-boost="false">{{T_home_export}}</a> · <a href="/hapus-akun">{{T_delete_title}}</a></p>
</article>
