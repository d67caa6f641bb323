{{%AUTOESCAPE context="HTML"}}
<p><a href="/layanan#{{CODE}}">{{T_services_back_to_catalog}}</a></p>
<hgroup><h1>{{NAME}}</h1><p>{{DESCRIPTION}}</p></hgroup>
{{#NO_RECORD}}<article><p>{{T_services_no_record}}</p><p><a href="/lapor-diri" role="button">{{T_services_go_lapor_diri}}</a></p></article>{{/NO_RECORD}}
<form method="post" action="/layanan/ajukan/{{CODE}}" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<fieldset>
<legend>{{T_services_applicant}}</legend>
<p><small>{{T_services_prefilled}}</small></p>
<dl>
<dt>{{T_services_applicant_name}}</dt><dd>{{APPLICANT_NAME}}</dd>
<dt>NIK</dt><dd>{{APPLICANT_NIK}}</dd>
<dt>{{T_services_applicant_passport}}</dt><dd>{{APPLICANT_PASSPORT}}</dd>
<dt>{{T_services_applicant_address}}</dt><dd>{{APPLICANT_ADDRESS}}</dd>
<dt>{{T_services_applicant_phone}}</dt><dd>{{APPLICANT_PHONE}}</dd>
</dl>
</fieldset>
{{#FIELD}}<label for="f-{{KEY}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}
{{#INPUT}}<input id="f-{{KEY}}" name="field.{{KEY}}" type="{{TYPE}}" value="{{VALUE}}"{{#HAS_ERROR}} aria-invalid="true" aria-describedby="e-{{KEY}}"{{/HAS_ERROR}}>{{/INPUT}}
{{#TEXTAREA}}<textarea id="f-{{KEY}}" name="field.{{KEY}}" rows="3"{{#HAS_ERROR}} aria-invalid="true" aria-describedby="e-{{KEY}}"{{/HAS_ERROR}}>{{VALUE}}</textarea>{{/TEXTAREA}}
</label>
{{#HAS_ERROR}}<small class="error" id="e-{{KEY}}" role="alert">{{ERROR}}</small>{{/HAS_ERROR}}
{{/FIELD}}
<fieldset>
<legend>{{T_services_documents}}</legend>
<p><small>{{T_services_upload_hint}}</small></p>
{{#UPLOAD}}<label for="d-{{KEY}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}
<input id="d-{{KEY}}" name="doc.{{KEY}}" type="file" accept="application/pdf,image/jpeg,image/png"{{#HAS_ERROR}} aria-invalid="true" aria-describedby="de-{{KEY}}"{{/HAS_ERROR}}>
</label>
{{#STAGED}}<input type="hidden" name="staged.{{KEY}}" value="{{TOKEN}}"><small class="staged" data-staged="{{KEY}}">{{T_services_staged_kept}}: {{FILE_NAME}}</small>{{/STAGED}}
{{#HAS_ERROR}}<small class="error" id="de-{{KEY}}" role="alert">{{ERROR}}</small>{{/HAS_ERROR}}
{{/UPLOAD}}
</fieldset>
<p><small>{{T_services_fee}}: {{#FREE}}{{T_services_free}}{{/FREE}}{{#PAID}}{{FEE}}{{/PAID}} · {{T_services_days}}: {{DAYS}} {{T_services_working_days}}</small></p>
<button type="submit">{{T_services_submit}}</button>
</form>
