{{%AUTOESCAPE context="HTML"}}
<h1>{{T_safety_title}}</h1>
{{#NONE}}<p>{{T_safety_none}}</p>{{/NONE}}
{{#CRISIS}}<article class="safety-crisis" id="krisis-{{ID}}" data-level="{{LEVEL_KEY}}">
<header><h2>{{TITLE}}</h2><p><mark>{{LEVEL}}</mark></p></header>
<p><strong>{{T_safety_question}}</strong></p>
{{#ANSWERED}}<p role="status" data-status="{{STATUS_KEY}}">{{T_safety_your_answer}}: <strong>{{STATUS}}</strong> <small>({{AT}})</small><br><small>{{T_safety_change_hint}}</small></p>{{/ANSWERED}}
<form method="post" action="{{ACTION}}"><input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="answer" value="safe">
<button type="submit" id="safe-{{ID}}">{{T_safety_im_safe}}</button></form>
<details{{#MESSAGE}} open{{/MESSAGE}}><summary role="button" class="contrast">{{T_safety_need_help}}</summary>
<form method="post" action="{{ACTION}}"><input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="answer" value="needs_help">
<label for="m-{{ID}}">{{T_safety_field_message}}</label>
<textarea id="m-{{ID}}" name="message" maxlength="500" rows="3"{{#MESSAGE_ERROR}} aria-invalid="true" aria-describedby="me-{{ID}}"{{/MESSAGE_ERROR}}>{{MESSAGE}}</textarea>
{{#MESSAGE_ERROR}}<small id="me-{{ID}}" class="error">{{TEXT}}</small>{{/MESSAGE_ERROR}}
<label for="p-{{ID}}">{{T_safety_field_position}}</label>
<input id="p-{{ID}}" name="position" type="text" inputmode="decimal" autocomplete="off" value="{{POSITION}}" placeholder="3.1390,101.6869" aria-describedby="ph-{{ID}}{{#POSITION_ERROR}} pe-{{ID}}{{/POSITION_ERROR}}"{{#POSITION_ERROR}} aria-invalid="true"{{/POSITION_ERROR}}>
{{#POSITION_ERROR}}<small id="pe-{{ID}}" class="error">{{TEXT}}</small>{{/POSITION_ERROR}}
<small id="ph-{{ID}}">{{T_safety_position_hint}}</small>
<button type="button" class="secondary outline" id="geo-{{ID}}" data-geolocate="p-{{ID}}" data-busy="{{T_safety_locating}}" data-failed="{{T_safety_location_failed}}" hidden>{{T_safety_use_location}}</button>
<small id="geo-status-{{ID}}" role="status"></small>
<button type="submit" class="contrast" id="help-{{ID}}">{{T_safety_send_help}}</button></form></details>
</article>{{/CRISIS}}
<script src="/static/safety.js" defer></script>
