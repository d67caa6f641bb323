{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_lapor_progress}}" class="steps"><ol>
{{#STEP}}<li{{#CURRENT}} aria-current="step"{{/CURRENT}}><a href="/lapor-diri/{{SLUG}}">{{NUMBER}}. {{LABEL}}</a></li>
{{/STEP}}</ol></nav>
<article>
<header><small>{{T_lapor_step}} {{STEP_NUMBER}}/{{STEP_COUNT}}</small>
<h1>{{STEP_TITLE}}</h1></header>
{{#HAS_ERRORS}}<p class="flash flash-error" role="alert">{{T_lapor_fix_errors}}</p>{{/HAS_ERRORS}}
{{#HAS_COUNTRY}}<p>{{T_stay_country}}: <strong>{{COUNTRY_NAME}}</strong> (<a href="/lapor-diri/negara">{{T_lapor_change}}</a>)</p>{{/HAS_COUNTRY}}
<form method="post" action="/lapor-diri/{{SLUG}}" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
{{#FAMILY}}<p>{{T_family_intro}}</p>
{{#MEMBER}}<fieldset{{#NEW_MEMBER}} id="new-member"{{/NEW_MEMBER}}>
<legend>{{#EXISTING_MEMBER}}{{T_family_member}} {{NUMBER}}{{/EXISTING_MEMBER}}{{#NEW_MEMBER}}{{T_family_new_member}}{{/NEW_MEMBER}}</legend>
{{>MEMBER_FIELDS}}
{{#EXISTING_MEMBER}}<label><input type="checkbox" name="family.{{INDEX}}.remove" value="1"> {{T_family_remove}}</label>{{/EXISTING_MEMBER}}
</fieldset>
{{/MEMBER}}
<button type="submit" name="action" value="add_member" class="secondary">{{T_family_add}}</button>
{{/FAMILY}}
<div class="actions">
{{#HAS_PREV}}<a href="/lapor-diri/{{PREV}}" role="button" class="secondary outline">{{T_lapor_back}}</a>{{/HAS_PREV}}
<button type="submit" name="action" value="next">{{T_lapor_next}}</button>
<button type="submit" name="action" value="save_exit" class="secondary outline">{{T_lapor_save_exit}}</button>
</div>
</form>
</article>
