{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_counter_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/duplikat">{{T_counter_claims_title}}</a></li><li><a href="/konsol/loket">{{T_counter_start_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_counter_claim_title}} #{{ID}}</h1>
<p>{{T_counter_col_created}}: {{CREATED}} · NIK <strong>{{NIK}}</strong> · {{MISSION}}<br>
{{#OPEN}}<mark>{{T_counter_state_open}}</mark>{{/OPEN}}{{#RESOLVED}}{{T_counter_state_resolved}}: <strong>{{RESOLUTION}}</strong>{{/RESOLVED}}</p></header>
<p>{{T_counter_no_merge}}</p>
<div class="grid">
<div><h2>{{T_counter_existing}}</h2><p>{{REG_NUMBER}}<br>{{#HOLDER_ACCOUNT}}{{T_counter_holder_account}} (#{{HOLDER_ID}}){{/HOLDER_ACCOUNT}}{{#HOLDER_COUNTER}}{{T_counter_holder_counter}}{{/HOLDER_COUNTER}}<br>{{#TRANSFERRED}}<a href="/konsol/warga/{{CITIZEN_ID}}">{{T_counter_open_record}}</a>{{/TRANSFERRED}}</p></div>
<div><h2>{{T_counter_claimed}}</h2><p>{{CLAIMANT_NAME}}<br>{{CLAIMANT_EMAIL}} (#{{CLAIMANT_ID}})</p></div>
</div>
<div class="overflow-auto"><table>
<thead><tr><th>{{T_counter_col_field}}</th><th>{{T_counter_existing}}</th><th>{{T_counter_claimed}}</th></tr></thead>
{{#GROUP}}<tbody><tr><th colspan="3">{{TITLE}}</th></tr>
{{#ROW}}<tr{{#DIFFERS}} class="differs"{{/DIFFERS}}><td>{{LABEL}}{{#DIFFERS}} <strong>≠</strong> <small>{{T_counter_differs}}</small>{{/DIFFERS}}</td><td>{{#DIFFERS}}<mark>{{/DIFFERS}}{{EXISTING}}{{#DIFFERS}}</mark>{{/DIFFERS}}</td><td>{{#DIFFERS}}<mark>{{/DIFFERS}}{{CLAIMED}}{{#DIFFERS}}</mark>{{/DIFFERS}}</td></tr>
{{/ROW}}</tbody>
{{/GROUP}}<tbody><tr><td>{{T_step_family}}{{#FAMILY_DIFFERS}} <strong>≠</strong> <small>{{T_counter_differs}}</small>{{/FAMILY_DIFFERS}}</td><td>{{FAMILY_EXISTING}}</td><td>{{FAMILY_CLAIMED}}</td></tr></tbody>
</table></div>
<h2>{{T_counter_log}}</h2>
{{#NO_DECISIONS}}<p>{{T_counter_no_decisions}}</p>{{/NO_DECISIONS}}
<ol>{{#DECISION}}<li>{{AT}}: <strong>{{WHAT}}</strong>{{#UNDONE}} ({{T_counter_undone}}){{/UNDONE}} — {{BY_MISSION}} (#{{BY_ID}}){{#CHECKED}} · {{T_counter_identity_was_checked}}{{/CHECKED}}<br><small>{{NOTE}}</small></li>
{{/DECISION}}</ol>
{{#DECIDE}}<form method="post" action="/konsol/duplikat/{{ID}}/keputusan" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<fieldset><legend>{{T_counter_decide}}</legend>
{{#CHOICE}}<label><input type="radio" name="decision" value="{{VALUE}}"{{#CHOSEN}} checked{{/CHOSEN}}> {{LABEL}}</label>
{{/CHOICE}}{{#HAS_ERR_DECISION}}<small class="error" role="alert">{{ERR_DECISION}}</small>{{/HAS_ERR_DECISION}}
</fieldset>
<label for="f-note">{{T_counter_note}}</label>
<textarea id="f-note" name="note" rows="3"{{#HAS_ERR_NOTE}} aria-invalid="true"{{/HAS_ERR_NOTE}}>{{NOTE}}</textarea>
<small>{{T_counter_note_hint}}</small>
{{#HAS_ERR_NOTE}}<small class="error" role="alert">{{ERR_NOTE}}</small>{{/HAS_ERR_NOTE}}
<label><input type="checkbox" name="identity_checked" value="yes"{{#IS_CHECKED}} checked{{/IS_CHECKED}}{{#HAS_ERR_IDENTITY_CHECKED}} aria-invalid="true"{{/HAS_ERR_IDENTITY_CHECKED}}> {{T_counter_identity_checked}}</label>
{{#HAS_ERR_IDENTITY_CHECKED}}<small class="error" role="alert">{{ERR_IDENTITY_CHECKED}}</small>{{/HAS_ERR_IDENTITY_CHECKED}}
<button type="submit">{{T_counter_submit_decision}}</button>
</form>{{/DECIDE}}
{{#UNDO}}<form method="post" action="/konsol/duplikat/{{ID}}/batal">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<p><small>{{T_counter_undo_hint}}</small></p>
<button type="submit" class="secondary">{{T_counter_undo}}</button>
</form>{{/UNDO}}
</article>
