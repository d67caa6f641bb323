{{%AUTOESCAPE context="HTML"}}
<h1>{{T_evac_title}}</h1>
<p><strong>{{TITLE}}</strong> · {{STATE}}</p>
<nav><ul><li><a href="/konsol/krisis/{{ID}}/belum-terdata">{{T_safety_calls_title}}</a></li><li><a href="/konsol/krisis/{{ID}}/hitungan">{{T_safety_counts_title}}</a></li></ul></nav>
<article id="transports"><header><h2>{{T_evac_transports}}</h2></header>
<ul>{{#TRANSPORT}}<li><strong>{{NAME}}</strong> · {{MODE}}{{#HAS_DEPARTURE}} · {{DEPARTURE}}{{/HAS_DEPARTURE}} ·
<a href="/konsol/krisis/{{ID}}/manifes.xlsx?transport={{TID}}" hx-boost="false">XLSX</a> · <a href="/konsol/krisis/{{ID}}/manifes.pdf?transport={{TID}}" hx-boost="false">PDF</a></li>
{{/TRANSPORT}}</ul>
<p>{{T_evac_all_manifest}}: <a href="/konsol/krisis/{{ID}}/manifes.xlsx" hx-boost="false">XLSX</a> · <a href="/konsol/krisis/{{ID}}/manifes.pdf" hx-boost="false">PDF</a></p>
{{#CAN_RECORD}}<form method="post" action="/konsol/krisis/{{ID}}/transportasi"><input type="hidden" name="_csrf" value="{{CSRF}}">
<fieldset class="grid"><label for="t-name">{{T_evac_field_name}}<input id="t-name" name="name" type="text" maxlength="200" required></label>
<label for="t-mode">{{T_evac_field_mode}}<select id="t-mode" name="mode"><option value="air">{{T_evac_mode_air}}</option><option value="sea">{{T_evac_mode_sea}}</option><option value="land">{{T_evac_mode_land}}</option></select></label>
<label for="t-dep">{{T_evac_field_departure}}<input id="t-dep" name="departure" type="datetime-local"></label></fieldset>
<button type="submit" class="secondary">{{T_evac_add_transport}}</button></form>{{/CAN_RECORD}}
</article>
<h2>{{T_evac_people}}</h2>
{{#EMPTY}}<p>{{T_evac_empty}}</p>{{/EMPTY}}
{{#PERSON}}<article class="evacuee" id="evakuasi-{{CITIZEN}}">
<header><strong>{{NAME}}</strong> · {{BIRTH}} · {{DOCUMENT}}{{#SPLP}} · <mark>{{T_evac_needs_splp}}</mark>{{/SPLP}}</header>
{{#CAN_RECORD}}<form method="post" action="/konsol/krisis/{{ID}}/evakuasi/{{CITIZEN}}"><input type="hidden" name="_csrf" value="{{CSRF}}">
{{#HAS_FAMILY}}<fieldset><legend>{{T_evac_family}}</legend>{{#FAMILY}}<label><input type="checkbox" name="family" value="{{FID}}"{{#ON}} checked{{/ON}}> {{FNAME}} ({{FRELATION}}){{#FSPLP}} · <mark data-needs-splp="{{FID}}">{{T_evac_needs_splp}}</mark>{{/FSPLP}}</label>
<div class="grid"><label for="fp-{{CITIZEN}}-{{FID}}">{{T_evac_field_family_passport}}<input id="fp-{{CITIZEN}}-{{FID}}" name="passport_{{FID}}" type="text" maxlength="20" autocomplete="off" value="{{FPASSPORT}}"></label>
<label for="fe-{{CITIZEN}}-{{FID}}">{{T_evac_field_family_expiry}}<input id="fe-{{CITIZEN}}-{{FID}}" name="expiry_{{FID}}" type="date" value="{{FEXPIRY}}"></label></div>{{/FAMILY}}
<small>{{T_evac_family_document_hint}}</small></fieldset>{{/HAS_FAMILY}}
<fieldset class="grid"><label for="d-{{CITIZEN}}">{{T_evac_field_destination}}<input id="d-{{CITIZEN}}" name="destination" type="text" maxlength="200" value="{{DESTINATION}}"></label>
<label for="s-{{CITIZEN}}">{{T_evac_field_splp}}<input id="s-{{CITIZEN}}" name="splp_number" type="text" maxlength="40" value="{{SPLP_NUMBER}}"></label>
<label for="tr-{{CITIZEN}}">{{T_evac_field_transport}}<select id="tr-{{CITIZEN}}" name="transport"><option value="0">-</option>{{#OPT}}<option value="{{TID}}"{{#SEL}} selected{{/SEL}}>{{TNAME}}</option>{{/OPT}}</select></label></fieldset>
<button type="submit" class="secondary">{{T_evac_save}}</button></form>
<form method="post" action="/konsol/krisis/{{ID}}/evakuasi/{{CITIZEN}}/hapus"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_evac_unmark}}</button></form>{{/CAN_RECORD}}
</article>{{/PERSON}}
