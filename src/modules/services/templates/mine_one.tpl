{{%AUTOESCAPE context="HTML"}}
<p><a href="/layanan/saya">{{T_services_mine_title}}</a></p>
<hgroup><h1>{{SERVICE}}</h1><p>{{MISSION}}</p></hgroup>
<article>
<p class="app-state" data-state="{{STATE_CODE}}"><strong>{{STATE}}</strong></p>
<dl>
<dt>{{T_services_submitted}}</dt><dd>{{SUBMITTED}}</dd>
{{#OPEN}}<dt>{{T_services_due}}</dt><dd>{{DUE}}</dd>{{/OPEN}}
<dt>{{T_services_fee}}</dt><dd>{{FEE}}</dd>
{{#HAS_APPOINTMENT}}<dt>{{T_services_appointment}}</dt><dd class="appointment">{{APPOINTMENT}}</dd>{{/HAS_APPOINTMENT}}
</dl>
{{#READY}}<p><mark>{{T_services_ready_hint}}</mark></p>{{/READY}}
{{#HAS_ISSUED}}<article id="terbit"><h2>{{T_services_issued_title}}</h2>
<p><span class="issued-number">{{ISSUED_NUMBER}}</span> · <span data-status="{{ISSUED_STATUS_CODE}}">{{ISSUED_STATUS}}</span>{{#HAS_VALID_UNTIL}} · {{T_services_issued_valid_until}} {{VALID_UNTIL}}{{/HAS_VALID_UNTIL}}</p>
{{#HAS_PDF}}<p><a href="/layanan/saya/{{ID}}/terbit" role="button">{{T_services_issued_download}}</a></p>{{/HAS_PDF}}
</article>{{/HAS_ISSUED}}
</article>
{{#CAN_RESUBMIT}}<article>
<h2>{{T_services_correction_title}}</h2>
<blockquote>{{CORRECTION}}</blockquote>
<form method="post" action="/layanan/saya/{{ID}}/perbaiki" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{#UPLOAD}}<label for="d-{{KEY}}">{{LABEL}}<input id="d-{{KEY}}" name="doc.{{KEY}}" type="file" accept="application/pdf,image/jpeg,image/png"></label>
{{/UPLOAD}}
<label for="note">{{T_services_note}}<textarea id="note" name="note" rows="2"></textarea></label>
<button type="submit">{{T_services_resubmit}}</button>
</form>
</article>{{/CAN_RESUBMIT}}
{{#OPEN}}<article>
<h2>{{T_services_appointment}}</h2>
{{#HAS_APPOINTMENT}}<p>{{APPOINTMENT}}</p><figure class="qr">{{QR_SVG:none}}<figcaption><small>{{T_services_qr_hint}}</small></figcaption></figure>
<form method="post" action="/layanan/saya/{{ID}}/janji/batal"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary">{{T_services_cancel_appointment}}</button></form>{{/HAS_APPOINTMENT}}
{{#HAS_SLOTS}}<form method="post" action="/layanan/saya/{{ID}}/janji">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<fieldset><legend>{{T_services_pick_slot}}</legend>
{{#SLOT}}<label for="slot-{{SLOT_ID}}"><input id="slot-{{SLOT_ID}}" type="radio" name="slot_id" value="{{SLOT_ID}}"> <span>{{WHEN}}</span> <small>({{LEFT}} {{T_services_places_left}})</small></label>
{{/SLOT}}</fieldset>
<button type="submit">{{T_services_book}}</button>
</form>{{/HAS_SLOTS}}
{{#NO_SLOTS}}<p><small>{{T_services_no_slots}}</small></p>{{/NO_SLOTS}}
</article>{{/OPEN}}
<h2>{{T_services_timeline}}</h2>
<ol class="timeline">
{{#EVENT}}<li><strong>{{WHAT}}</strong> <small>{{AT}}</small>{{#HAS_NOTE}}<br>{{NOTE}}{{/HAS_NOTE}}</li>
{{/EVENT}}</ol>
<h2>{{T_services_documents}}</h2>
<ul>{{#DOCUMENT}}<li><a href="/layanan/saya/{{ID}}/dokumen/{{DOC_ID}}">{{NAME}}</a> <small>{{AT}}</small></li>{{/DOCUMENT}}</ul>
{{#CAN_WITHDRAW}}<details><summary>{{T_services_withdraw}}</summary>
<form method="post" action="/layanan/saya/{{ID}}/tarik">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="wnote">{{T_services_note}}<textarea id="wnote" name="note" rows="2"></textarea></label>
<button type="submit" class="secondary">{{T_services_withdraw}}</button>
</form></details>{{/CAN_WITHDRAW}}
