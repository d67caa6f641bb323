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
<button type="submit">{{T_protection_save_action}}</button>
</form>
{{#PROPOSAL}}<form method="post" action="/konsol/kasus/{{ID}}/cocokkan" class="match">
<input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="citizen_id" value="{{CITIZEN_ID}}">
<p>{{T_protection_proposal}}: <strong>{{NAME}}</strong> · NIK {{NIK}} · {{BIRTH_DATE}} · {{MISSION}} <small>({{REASON}})</small></p>
<button type="submit" class="secondary">{{T_protection_confirm_match}}</button>
</form>
{{/PROPOSAL}}
<details><summary>{{T_protection_reclassify}}</summary>
<form method="post" action="/konsol/kasus/{{ID}}/tindakan">
<input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="kind" value="reclassify">
<label for="r-category">{{T_protection_field_category}}</label><select id="r-category" name="category">{{#RE_CATEGORY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/RE_CATEGORY_OPTION}}</select>
<label for="r-priority">{{T_protection_field_priority}}</label><select id="r-priority" name="priority">{{#RE_PRIORITY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/RE_PRIORITY_OPTION}}</select>
<small>{{T_protection_reclassify_hint}}</small>
<label for="r-body">{{T_protection_field_reason}}</label><input id="r-body" name="body" maxlength="4000">
<button type="submit" class="secondary">{{T_protection_reclassify}}</button>
</form></details>
<details><summary>{{T_protection_transfer}}</summary>
<form method="post" action="/konsol/kasus/{{ID}}/pindah">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="t-mission">{{T_protection_field_to_mission}}</label><select id="t-mission" name="to_mission" required>{{#MISSION_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/MISSION_OPTION}}</select>
<label for="t-reason">{{T_protection_field_reason}}</label><input id="t-reason" name="reason" required maxlength="1000">
<button type="submit" class="secondary">{{T_protection_transfer}}</button>
</form></details>
</article>{{/ACT}}
<article id="referrals">
<h2>{{T_protection_referrals}}</h2>
{{#PARTNER_LINK}}<p class="flash" role="status">{{T_protection_referral_link_once}}<br><strong><a href="{{LINK}}" id="partner-link">{{LINK}}</a></strong></p>{{/PARTNER_LINK}}
{{#NO_REFERRALS}}<p>{{T_protection_referral_none}}</p>{{/NO_REFERRALS}}
<ul id="referral-list">{{#REFERRAL}}<li data-referral="{{RID}}" data-state="{{STATE_KEY}}"><strong>{{TO}}</strong> · {{STATE}} · {{SCOPE_LABEL}} · {{CONSENT}} <small>{{AT}}</small>{{#HAS_NOTE}}<br><small>{{NOTE}}</small>{{/HAS_NOTE}}
{{#CAN_REVOKE}}<form method="post" action="/konsol/kasus/{{ID}}/rujukan/{{RID}}/cabut" class="inline"><input type="hidden" name="_csrf" value="{{CSRF}}"><input name="note" maxlength="2000" aria-label="{{T_protection_referral_note}}" placeholder="{{T_protection_referral_note}}"><button type="submit" class="secondary outline">{{T_protection_referral_revoke}}</button></form>{{/CAN_REVOKE}}</li>
{{/REFERRAL}}</ul>
{{#REFER}}<details{{#REFER_OPEN}} open{{/REFER_OPEN}}><summary>{{T_protection_referral_new}}</summary>
{{#ERROR}}<p class="error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/konsol/kasus/{{ID}}/rujuk" id="refer-form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="f-kind">{{T_protection_field_to_kind}}</label><select id="f-kind" name="to_kind" required>{{#TARGET_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/TARGET_OPTION}}</select>
<label for="f-mission">{{T_protection_field_to_mission}}</label><select id="f-mission" name="to_mission"><option value="">—</option>{{#RMISSION_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/RMISSION_OPTION}}</select>
<label for="f-partner">{{T_protection_field_partner}}</label><select id="f-partner" name="partner"><option value="">—</option>{{#PARTNER_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/PARTNER_OPTION}}</select>
<label for="f-partner-name">{{T_protection_field_partner_name}}</label><input id="f-partner-name" name="partner_name" maxlength="200">
<label for="f-partner-email">{{T_protection_field_partner_email}}</label><input id="f-partner-email" name="partner_email" type="email" maxlength="200" aria-describedby="h-partner-email">
<small id="h-partner-email">{{T_protection_hint_partner_email}}</small>
<label for="f-scope">{{T_protection_referral_scope}}</label><select id="f-scope" name="scope" required>{{#SCOPE_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/SCOPE_OPTION}}</select>
<label for="f-reason">{{T_protection_field_reason}}</label><textarea id="f-reason" name="reason" rows="2" required maxlength="2000"></textarea>
<label><input type="checkbox" name="consent" value="yes"> {{T_protection_field_consent}}</label>
{{#CAN_OVERRIDE}}<fieldset><label><input type="checkbox" name="override_consent" value="yes"> {{T_protection_field_override_consent}}</label>
<label for="f-override">{{T_protection_field_override_reason}}</label><input id="f-override" name="override_reason" maxlength="1000"></fieldset>{{/CAN_OVERRIDE}}
<button type="submit">{{T_protection_referral_send}}</button>
</form></details>{{/REFER}}
</article>
{{#ASSIGN}}<article>
<h2>{{T_protection_assign}}</h2>
<form method="post" action="/konsol/kasus/{{ID}}/penugasan">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="s-assignee">{{T_protection_col_assignee}}</label>
<select id="s-assignee" name="assignee"><option value="0">{{T_protection_unassigned}}</option>{{#ASSIGNEE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/ASSIGNEE_OPTION}}</select>
<button type="submit">{{T_protection_assign}}</button>
</form>
</article>{{/ASSIGN}}
