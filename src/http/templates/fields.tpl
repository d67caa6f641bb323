{{%AUTOESCAPE context="HTML"}}
{{#FIELD}}<div class="field">
<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span aria-hidden="true">*</span>{{/REQUIRED}}</label>
{{#INPUT}}<input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#HAS_AUTOCOMPLETE}} autocomplete="{{AUTOCOMPLETE}}"{{/HAS_AUTOCOMPLETE}}{{#HAS_INPUTMODE}} inputmode="{{INPUTMODE}}"{{/HAS_INPUTMODE}}{{#HAS_MAXLENGTH}} maxlength="{{MAXLENGTH}}"{{/HAS_MAXLENGTH}}{{#INVALID}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/INVALID}}>{{/INPUT}}
{{#TEXTAREA}}<textarea id="{{ID}}" name="{{NAME}}" rows="3"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/INVALID}}>{{VALUE}}</textarea>{{/TEXTAREA}}
{{#DROPDOWN}}<select id="{{ID}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/INVALID}}>
<option value="">—</option>
{{#OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>
{{/OPTION}}{{#GROUP}}<optgroup label="{{LABEL}}">
{{#OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>
{{/OPTION}}</optgroup>
{{/GROUP}}</select>{{/DROPDOWN}}
{{#HAS_HINT}}<small>{{HINT}}</small>{{/HAS_HINT}}
{{#HAS_ERROR}}<small class="error" id="{{ID}}-err" role="alert">{{ERROR}}</small>{{/HAS_ERROR}}
</div>
{{/FIELD}}
