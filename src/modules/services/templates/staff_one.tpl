{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_services_queue_title}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/layanan">{{T_services_queue_title}}</a></li></ul></nav>
<hgroup><h1>{{SERVICE}}</h1><p>{{APPLICANT_NAME}} · {{MISSION}}</p></hgroup>
<article>
<p class="app-state" data-state="{{STATE_CODE}}"><strong>{{STATE}}</strong>{{#OPEN}} · <span class="rag rag-{{RAG}}" data-rag="{{RAG}}">{{RAG_TEXT}}</span>{{/OPEN}}</p>
{{#ESCALATED}}<p><mark>{{ESCALATION}}</mark></p>{{/ESCALATED}}
<dl>
<dt>NIK</dt><dd>{{APPLICANT_NIK}}</dd>
<dt>{{T_services_applicant_passport}}</dt><dd>{{APPLICANT_PASSPORT}}</dd>
<dt>{{T_services_submitted}}</dt><dd>{{SUBMITTED}}</dd>
{{#OPEN}}<dt>{{T_services_due}}</dt><dd>{{DUE}}</dd>{{/OPEN}}
<dt>{{T_services_fee}}</dt><dd>{{FEE}}</dd>
{{#HAS_APPOINTMENT}}<dt>{{T_services_appointment}}</dt><dd>{{APPOINTMENT}}</dd>{{/HAS_APPOINTMENT}}
{{#FIELD}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/FIELD}}
</dl>
</article>
{{#CAN_ACT}}<article>
<h2>{{T_services_act}}</h2>
<form method="post" action="/konsol/layanan/{{ID}}/tindakan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<fieldset><legend>{{T_services_action}}</legend>
{{#ACTION}}<label for="a-{{VALUE}}"><input id="a-{{VALUE}}" type="radio" name="action" value="{{VALUE}}"> {{LABEL}}</label>
{{/ACTION}}</fieldset>
<label for="note">{{T_services_note}}<textarea id="note" name="note" rows="2"></textarea><small>{{T_services_note_hint}}</small></label>
<button type="submit">{{T_services_save}}</button>
</form>
</article>{{/CAN_ACT}}
<article>
<h2>{{T_services_payment_title}}</h2>
<p>{{FEE}}</p>
{{#HAS_PAYMENT}}<p class="payment">{{PAYMENT_TEXT}}</p>{{/HAS_PAYMENT}}
{{#CAN_PAY}}<details><summary>{{T_services_payment_record}}</summary>
<form method="post" action="/konsol/layanan/{{ID}}/pembayaran">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="kind" value="payment">
<label for="p-amount">{{T_services_payment_amount}}<input id="p-amount" name="amount_minor" type="number" min="0" value="{{FEE_MINOR}}" required></label>
<label for="p-currency">{{T_services_payment_currency}}<input id="p-currency" name="currency" value="{{FEE_CURRENCY}}" maxlength="3" required></label>
<label for="p-method">{{T_services_payment_method}}<select id="p-method" name="method"><option value="cash">{{T_services_method_cash}}</option><option value="card">{{T_services_method_card}}</option><option value="transfer">{{T_services_method_transfer}}</option></select></label>
<label for="p-receipt">{{T_services_payment_receipt}}<input id="p-receipt" name="receipt_number" maxlength="60" required></label>
<button type="submit">{{T_services_payment_record}}</button>
</form></details>
<details><summary>{{T_services_payment_waive}}</summary>
<form method="post" action="/konsol/layanan/{{ID}}/pembayaran">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="kind" value="waiver">
<fieldset><legend>{{T_services_payment_waive}}</legend>
<label for="w-distressed"><input id="w-distressed" type="radio" name="waiver_reason" value="distressed"> {{T_services_waiver_distressed}}</label>
<label for="w-pmi"><input id="w-pmi" type="radio" name="waiver_reason" value="pmi_protection_case"> {{T_services_waiver_pmi_protection_case}}</label>
</fieldset>
<label for="w-note">{{T_services_note}}<textarea id="w-note" name="note" rows="2" required></textarea></label>
<button type="submit">{{T_services_payment_waive}}</button>
</form></details>{{/CAN_PAY}}
</article>
{{#ISSUE_SECTION}}<article id="terbit">
<h2>{{T_services_issued_title}}</h2>
{{#HAS_ISSUED}}<dl>
<dt>{{T_services_issued_number}}</dt><dd class="issued-number">{{ISSUED_NUMBER}}</dd>
<dt>{{T_services_issued_status}}</dt><dd data-status="{{ISSUED_STATUS_CODE}}">{{ISSUED_STATUS}}</dd>
{{#HAS_VALID_UNTIL}}<dt>{{T_services_issued_valid_until}}</dt><dd>{{VALID_UNTIL}}</dd>{{/HAS_VALID_UNTIL}}
{{#HAS_JOURNEY}}<dt>{{T_services_issued_journey}}</dt><dd>{{JOURNEY}}</dd>{{/HAS_JOURNEY}}
{{#IS_USED}}<dt>{{T_services_issued_used}}</dt><dd>{{USED_AT}}</dd>{{/IS_USED}}
{{#IS_REVOKED}}<dt>{{T_services_issued_revoked}}</dt><dd>{{REVOKED_AT}} · {{REVOKE_REASON}}</dd>{{/IS_REVOKED}}
</dl>
{{#HAS_PDF}}<p><a href="/konsol/layanan/{{ID}}/terbit" role="button" class="secondary">{{T_services_issued_download}}</a></p>{{/HAS_PDF}}
{{#CAN_JOURNEY}}<form method="post" action="/konsol/layanan/{{ID}}/perjalanan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit" class="secondary">{{T_services_issued_record_journey}}</button>
</form>{{/CAN_JOURNEY}}
{{#CAN_REVOKE}}<details><summary>{{T_services_issued_revoke}}</summary>
<form method="post" action="/konsol/layanan/{{ID}}/cabut">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="r-reason">{{T_services_issued_revoke_reason}}<textarea id="r-reason" name="reason" rows="2" required></textarea></label>
<button type="submit">{{T_services_issued_revoke}}</button>
</form></details>{{/CAN_REVOKE}}{{/HAS_ISSUED}}
{{#CAN_ISSUE}}<form method="post" action="/konsol/layanan/{{ID}}/terbitkan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{#ASK_JOURNEY}}<label for="i-journey">{{T_services_issued_journey}}<input id="i-journey" name="journey_date" type="date" value="{{JOURNEY_DEFAULT}}"></label>{{/ASK_JOURNEY}}
<p><small>{{T_services_issued_hint}}</small></p>
<button type="submit">{{T_services_issued_issue}}</button>
</form>{{/CAN_ISSUE}}
</article>{{/ISSUE_SECTION}}
<h2>{{T_services_documents}}</h2>
<ul>{{#DOCUMENT}}<li><a href="/konsol/layanan/{{ID}}/dokumen/{{DOC_ID}}">{{NAME}}</a> <small>{{TYPE}} · {{AT}}</small></li>{{/DOCUMENT}}</ul>
<h2>{{T_services_timeline}}</h2>
<ol class="timeline">
{{#EVENT}}<li><strong>{{WHAT}}</strong> <small>{{AT}}{{#HAS_BY}} · {{BY}}{{/HAS_BY}}</small>{{#HAS_NOTE}}<br>{{NOTE}}{{/HAS_NOTE}}</li>
{{/EVENT}}</ol>
