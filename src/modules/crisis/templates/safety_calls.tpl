{{%AUTOESCAPE context="HTML"}}
<h1>{{T_safety_calls_title}}</h1>
<p><strong>{{TITLE}}</strong> · {{STATE}}</p>
<nav><ul><li><a href="/konsol/krisis/{{ID}}/hitungan">{{T_safety_counts_title}}</a></li><li><a href="/konsol/krisis/{{ID}}/evakuasi">{{T_evac_title}}</a></li><li><a href="/konsol/krisis/{{ID}}/belum-terdata">{{T_safety_refresh}}</a></li></ul></nav>
<form method="get" action="/konsol/krisis/{{ID}}/belum-terdata" role="search">
<label for="f-area">{{T_safety_field_area}}</label>
<select id="f-area" name="wilayah"><option value="">{{T_safety_area_all}}</option>{{#AREA}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/AREA}}</select>
<label><input type="checkbox" name="semua" value="1"{{#ALL}} checked{{/ALL}}> {{T_safety_show_all}}</label>
<button type="submit" class="secondary">{{T_safety_filter}}</button>
</form>
{{#EMPTY}}<p>{{T_safety_calls_empty}}</p>{{/EMPTY}}
{{#PERSON}}<article class="call-entry" id="warga-{{CITIZEN}}" data-status="{{STATUS_KEY}}">
<header><strong>{{NAME}}</strong> · {{STATUS}} · {{T_safety_vulnerability}} {{VULNERABILITY}} · {{CATEGORY}} · {{AREA}}{{#DUE}} · <mark>{{T_safety_due}}</mark>{{/DUE}}</header>
<p>{{T_safety_phone}}: <a href="tel:{{PHONE}}">{{PHONE}}</a><br>{{T_safety_email}}: {{EMAIL}}<br>{{T_safety_address}}: {{ADDRESS}}<br>
{{T_safety_family_contact}}: {{FAMILY}} <a href="tel:{{FAMILY_PHONE}}">{{FAMILY_PHONE}}</a><br>
<small>{{T_safety_attempts}}: {{ATTEMPTS}}{{#HAS_NEXT}} · {{T_safety_next_attempt}}: {{NEXT}}{{/HAS_NEXT}}</small></p>
{{#CAN_RECORD}}<form method="post" action="/konsol/krisis/{{ID}}/panggilan/{{CITIZEN}}"><input type="hidden" name="_csrf" value="{{CSRF}}">
<fieldset class="grid"><label for="o-{{CITIZEN}}">{{T_safety_field_outcome}}
<select id="o-{{CITIZEN}}" name="outcome"><option value="reached_safe">{{T_safety_outcome_reached_safe}}</option><option value="reached_needs_help">{{T_safety_outcome_reached_needs_help}}</option><option value="unreachable">{{T_safety_outcome_unreachable}}</option><option value="left_area">{{T_safety_outcome_left_area}}</option></select></label>
<label for="n-{{CITIZEN}}">{{T_safety_field_note}}<input id="n-{{CITIZEN}}" name="note" type="text" maxlength="1000"></label></fieldset>
<button type="submit" class="secondary">{{T_safety_record_call}}</button></form>
<form method="post" action="/konsol/krisis/{{ID}}/evakuasi/{{CITIZEN}}"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_evac_mark}}</button></form>{{/CAN_RECORD}}
</article>{{/PERSON}}
