{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_console_purpose_title}}</h1>
<p>{{T_console_purpose_intro}}</p>
<form method="post" action="/konsol/tujuan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<fieldset{{#HAS_ERROR}} aria-invalid="true" aria-describedby="purpose-err"{{/HAS_ERROR}}>
<legend>{{T_console_purpose_legend}}</legend>
{{#PURPOSE}}<label for="purpose-{{VALUE}}"><input id="purpose-{{VALUE}}" type="radio" name="purpose" value="{{VALUE}}"{{#CHOSEN}} checked{{/CHOSEN}}> {{LABEL}}<br><small>{{HINT}}</small></label>
{{/PURPOSE}}</fieldset>
{{#HAS_ERROR}}<small class="error" id="purpose-err" role="alert">{{ERROR}}</small>{{/HAS_ERROR}}
<button type="submit">{{T_console_purpose_button}}</button>
</form>
</article>
