{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus">{{T_protection_queue_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_protection_case_title}} <span class="regno" id="tracking">{{TRACKING}}</span></h1>
<p><mark class="rag-{{RAG}}">{{RAG_LABEL}}</mark> {{T_protection_col_due}}: {{DUE}}{{#ESCALATED}} · <strong class="escalated" id="escalation">{{ESCALATION}}</strong>{{/ESCALATED}}</p></header>
{{#RESTRICTED}}<p class="flash flash-error">{{T_protection_restricted_note}}</p>{{/RESTRICTED}}
{{#LOCKED}}<p class="flash flash-error" id="locked">{{T_protection_locked}}</p>{{/LOCKED}}
<dl>
<dt>{{T_protection_col_subject}}</dt><dd id="subject-name">{{NAME}}{{#MASKED}} <small>({{T_protection_masked}})</small>{{/MASKED}}{{#REVEALED}} <small>({{T_protection_revealed}})</small>{{/REVEALED}}</dd>
<dt>{{T_protection_col_category}}</dt><dd>{{CATEGORY}} · {{PRIORITY}}{{#HAS_FLAGS}} · {{FLAGS}}{{/HAS_FLAGS}}</dd>
<dt>{{T_protection_col_state}}</dt><dd id="case-state" data-state="{{STATE_KEY}}">{{STATE}}</dd>
<dt>{{T_protection_col_mission}}</dt><dd>{{MISSION}} · {{SOURCE}}{{#HAS_CHANNEL}} ({{CHANNEL}}){{/HAS_CHANNEL}} · {{CREATED}}</dd>
<dt>{{T_protection_col_assignee}}</dt><dd>{{#ASSIGNED}}#{{ASSIGNEE}}{{/ASSIGNED}}{{#UNASSIGNED}}{{T_protection_unassigned}}{{/UNASSIGNED}}</dd>
{{#LINKED}}<dt>{{T_protection_linked}}</dt><dd><a href="/konsol/warga/{{CITIZEN_ID}}">#{{CITIZEN_ID}}</a></dd>{{/LINKED}}
{{#DETAIL}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/DETAIL}}<dt>{{T_protection_field_summary}}</dt><dd>{{SUMMARY}}</dd>
</dl>
{{#REVEAL}}<form method="post" action="/konsol/kasus/{{ID}}/buka-nama">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="r-reason">{{T_protection_reveal_reason}}</label><input id="r-reason" name="reason" required maxlength="1000">
<button type="submit" class="secondary">{{T_protection_reveal}}</button>
</form>{{/REVEAL}}
</article>
<article>
<h2>{{T_protection_timeline}}</h2>
<ol class="timeline" id="timeline">{{#ACTION}}<li><small>{{AT}} · {{BY}}</small> <strong>{{KIND}}</strong> {{WHAT}}{{#INTERNAL}} <small>({{T_protection_internal}})</small>{{/INTERNAL}}<br>{{BODY}}</li>
{{/ACTION}}</ol>
</article>
{{#ACT}}<article>
<h2>{{T_protection_add_action}}</h2>
{{#ERROR}}<p class="error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/konsol/kasus/{{ID}}/tindakan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="a-kind">{{T_protection_field_kind}}</label>
<select id="a-kind" name="kind" required>{{#KIND_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/KIND_OPTION}}</select>
<label for="a-body">{{T_protection_field_body}}</label><textarea id="a-body" name="body" rows="3"></textarea>
<label><input type="checkbox" name="public" value="yes"> {{T_protection_field_public}}</label>
<fieldset><legend>{{T_protection_state_change}}</legend>
<label for="a-state">{{T_protection_field_to_state}}</label><select id="a-state" name="to_state"><option value="">—</option>{{#TO_STATE_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/TO_STATE_OPTION}}</select>
<label for="a-outcome">{{T_protection_field_outcome}}</label><select id="a-outcome" name="outcome"><option value="">—</option>{{#OUTCOME_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OUTCOME_OPTION}}</select>
<div class="grid"><label for="a-amount">{{T_protection_field_amount}}<input id="a-amount" name="amount" inputmode="numeric"></label><label for="a-currency">{{T_protection_field_currency}}<input id="a-currency" name="currency" maxlength="3"></label></div>
</fieldset>
<fieldset><legend>{{T_protection_referral}}</legend>
<label for="a-partner">{{T_protection_field_partner}}</label><select id="a-partner" name="partner"><option value="">—</option>{{#PARTNER_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/PARTNER_OPTION}}</select>
<label><input type="checkbox" name="consent" value="yes"> {{T_protection_field_consent}}</label>
{{#CAN_OVERRIDE}}<label><input type="checkbox" name="override_consent" value="yes"> {{T_protection_field_override_consent}}</label>{{/CAN_OVERRIDE}}
</fieldset>
<button type="submit">{{T_protection_save_action}}</button>
</form>
{{#PROPOSAL}}<form method="post" action="/konsol/kasus/{{ID}}/cocokkan" class="match">
<input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="citizen_id" value="{{CITIZEN_ID}}">
<p>{{T_protection_proposal}}: <strong>{{NAME}}</strong> · NIK {{NIK}} · {{BIRTH_DATE}} · {{MISSION}} <small>({{REASON}})</small></p>
<button type="submit" class="secondary">{{T_protection_confirm_match}}</button>
</form>
{{/PROPOSAL}}
<details><summary>{{T_protection_transfer}}</summary>
<form method="post" action="/konsol/kasus/{{ID}}/pindah">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="t-mission">{{T_protection_field_to_mission}}</label><select id="t-mission" name="to_mission" required>{{#MISSION_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/MISSION_OPTION}}</select>
<label for="t-reason">{{T_protection_field_reason}}</label><input id="t-reason" name="reason" required maxlength="1000">
<button type="submit" class="secondary">{{T_protection_transfer}}</button>
</form></details>
</article>{{/ACT}}
{{#ASSIGN}}<article>
<h2>{{T_protection_assign}}</h2>
<form method="post" action="/konsol/kasus/{{ID}}/penugasan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="s-assignee">{{T_protection_col_assignee}}</label>
<select id="s-assignee" name="assignee"><option value="0">{{T_protection_unassigned}}</option>{{#ASSIGNEE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/ASSIGNEE_OPTION}}</select>
<button type="submit">{{T_protection_assign}}</button>
</form>
</article>{{/ASSIGN}}
