{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{NAME}}</h1><p><span class="regno">{{REG_NUMBER}}</span> · {{STATUS}} · {{MISSION}}</p></hgroup>
<p><small>{{T_console_purpose_current}}: <strong>{{PURPOSE}}</strong> · <a href="{{PURPOSE_HREF}}">{{T_console_purpose_change}}</a> · <a href="/konsol">{{T_console_back_to_queue}}</a></small></p>
<article id="review">
<header><h2>{{T_console_review_title}}</h2></header>
<p>{{T_console_review_state}}: <strong data-review-state="{{REVIEW_KEY}}">{{REVIEW_STATE}}</strong>{{#ASSIGNED}}<br><small>{{T_console_assigned_to}} {{ASSIGNEE}}</small>{{/ASSIGNED}}</p>
{{#HAS_REASON}}<p>{{T_console_reason}}: {{REVIEW_REASON}}</p>{{/HAS_REASON}}
{{#DECIDE}}<form method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
{{>DECIDE_FIELDS}}
<button type="submit">{{T_console_decision_button}}</button>
</form>{{/DECIDE}}
{{#ASSIGN}}<form method="post" action="{{ACTION}}">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="assignee">{{T_console_assign_to}}</label>
<select id="assignee" name="assignee"><option value="">—</option>{{#STAFF}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/STAFF}}</select>
<button type="submit" class="secondary">{{T_console_assign_button}}</button>
</form>{{/ASSIGN}}
<details><summary>{{T_console_history}}</summary>
<ul>{{#EVENT}}<li>{{AT}} · <strong>{{STATE}}</strong> · {{WHO}}{{#HAS_REASON}}<br><small>{{REASON}}</small>{{/HAS_REASON}}</li>{{/EVENT}}</ul>
</details>
</article>
<p id="pemilu"><a href="{{ELECTION_HREF}}">{{T_election_officer_link}}</a></p>
{{#WALK_IN}}<p class="flash">{{T_console_walk_in}}: {{BY}} ({{BY_MISSION}})</p>{{/WALK_IN}}
{{#FLAGS}}<ul class="checks" aria-label="{{T_console_flags}}">{{#FLAG}}<li class="check-mismatch">{{TEXT}}</li>{{/FLAG}}</ul>{{/FLAGS}}
<article>
<header><h2>{{T_console_registry_title}}</h2></header>
{{#NO_CHECKS}}<p>{{T_console_registry_none}}</p>{{/NO_CHECKS}}
<ul class="checks">{{#CHECK}}<li class="check-{{STATE}}">{{TEXT}}{{#HAS_FIELDS}}<br><small>{{T_console_registry_fields}}: {{FIELDS}}</small>{{/HAS_FIELDS}}{{#HAS_CHECKED}}<br><small>{{T_console_registry_checked}} {{CHECKED}}</small>{{/HAS_CHECKED}}</li>{{/CHECK}}</ul>
</article>
<article>
<header><h2>{{T_console_identity_title}}</h2></header>
<dl>{{#IDENTITY}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/IDENTITY}}</dl>
<h3>{{T_console_passport_title}}</h3>
<dl>{{#PASSPORT}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/PASSPORT}}</dl>
</article>
<article>
<header><h2>{{T_console_stays_title}}</h2></header>
{{#CURRENT_STAY}}<h3>{{T_home_current_stay}}</h3>
<p>{{PLACE}}<br>{{CATEGORY}} · {{T_stay_arrival_date}} {{ARRIVAL}} · {{MISSION}}</p>
<dl>{{#DETAIL}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/DETAIL}}</dl>{{/CURRENT_STAY}}
{{#PAST_STAY}}<details><summary>{{T_home_past_stay}}: {{PLACE}} ({{END_REASON}} {{ENDED}})</summary>
<p>{{CATEGORY}} · {{T_stay_arrival_date}} {{ARRIVAL}} · {{MISSION}}</p></details>
{{/PAST_STAY}}
</article>
<article>
<header><h2>{{T_console_family_title}}</h2></header>
{{#NO_FAMILY}}<p>{{T_console_family_none}}</p>{{/NO_FAMILY}}
<ul>{{#FAMILY}}<li>{{NAME}} · {{RELATION}} · {{BIRTH}} · {{NIK}}</li>{{/FAMILY}}</ul>
<h3>{{T_console_emergency_title}}</h3>
<dl>{{#EMERGENCY}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/EMERGENCY}}</dl>
</article>
