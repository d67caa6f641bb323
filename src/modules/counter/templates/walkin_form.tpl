{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_counter_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/duplikat">{{T_counter_claims_title}}</a></li><li><a href="/konsol/loket">{{T_counter_start_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_counter_walkin_title}}</h1><p><small>{{T_counter_walkin_hint}}</small></p></header>
{{#HAS_ERRORS}}<div class="flash flash-error" role="alert"><p>{{T_counter_fix_errors}}</p><ul>{{#ERROR}}<li>{{TEXT}}</li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<form method="post" action="/konsol/loket/baru" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{#SECTION}}<fieldset><legend><strong>{{TITLE}}</strong></legend>
{{#FAMILY_HINT}}<p><small>{{T_counter_family_hint}}</small></p>{{/FAMILY_HINT}}
{{>FIELDS}}
</fieldset>
{{/SECTION}}
{{#CHECKED}}<section class="flash" role="status">
<p>{{T_counter_serving}}: <strong>{{SERVING}}</strong></p>
{{#NEW_RECORD}}<p>{{T_counter_will_create}}</p>{{/NEW_RECORD}}
{{#EXISTING}}<input type="hidden" name="confirm_existing" value="{{EXISTING_ID}}">
{{#HERE}}<p><strong>{{T_counter_existing_found}}</strong></p>
<p>{{REG_NUMBER}} · {{NAME}} · {{BIRTH_DATE}} · {{T_passport_number}} {{PASSPORT}}<br>{{PLACE}} · {{STATUS}} · {{HOLDER}}</p>
<p>{{T_counter_will_update}}</p>{{/HERE}}
{{#ELSEWHERE}}<p><strong>{{T_counter_existing_elsewhere}}</strong></p>{{/ELSEWHERE}}
{{/EXISTING}}
</section>{{/CHECKED}}
<div class="actions">
<button type="submit" name="action" value="check" class="secondary">{{T_counter_check}}</button>
<button type="submit" name="action" value="save">{{T_counter_save}}</button>
</div>
</form>
</article>
