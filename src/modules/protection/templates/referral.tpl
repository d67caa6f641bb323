{{%AUTOESCAPE context="HTML"}}
{{#CONSOLE}}<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/rujukan">{{T_protection_referrals_in}}</a></li></ul></nav>{{/CONSOLE}}
<article>
<header><h1>{{T_protection_referral_title}} <span class="regno" id="tracking">{{TRACKING}}</span></h1>
<p>{{T_protection_referral_state}}: <strong id="referral-state" data-state="{{STATE_KEY}}">{{STATE}}</strong> · {{T_protection_referral_scope}}: <span id="referral-scope">{{SCOPE_LABEL}}</span></p></header>
<p class="flash" id="referral-scope-note">{{T_protection_referral_scope_note}}</p>
<dl>
<dt>{{T_protection_referral_from}}</dt><dd>{{FROM}}{{#HAS_PARTNER}} → {{PARTNER}}{{/HAS_PARTNER}}</dd>
<dt>{{T_protection_field_reason}}</dt><dd id="referral-reason">{{REASON}}</dd>
<dt>{{T_protection_col_subject}}</dt><dd id="subject-name">{{NAME}}{{#MASKED}} <small>({{T_protection_masked}})</small>{{/MASKED}}</dd>
<dt>{{T_protection_col_category}}</dt><dd>{{CATEGORY}} · {{PRIORITY}}{{#RESTRICTED}} · {{T_protection_restricted}}{{/RESTRICTED}}</dd>
<dt>{{T_protection_field_country}}</dt><dd>{{COUNTRY}}</dd>
{{#DETAIL}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/DETAIL}}<dt>{{T_protection_field_summary}}</dt><dd id="referral-summary">{{SUMMARY}}</dd>
{{#HAS_NOTE}}<dt>{{T_protection_referral_note}}</dt><dd>{{NOTE}}</dd>{{/HAS_NOTE}}
</dl>
{{#FULL}}<h2>{{T_protection_timeline}}</h2>
<ol class="timeline" id="referral-timeline">{{#ENTRY}}<li><small>{{AT}}</small> {{WHAT}}{{#HAS_BODY}}<br>{{BODY}}{{/HAS_BODY}}</li>
{{/ENTRY}}</ol>{{/FULL}}
</article>
{{#DECIDE}}<article>
<h2>{{T_protection_referral_decide}}</h2>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="d-note">{{T_protection_referral_note}}</label><textarea id="d-note" name="note" rows="2" maxlength="2000"></textarea>
{{#CAN_DECIDE}}<div class="grid"><button type="submit" name="decision" value="accept" id="referral-accept">{{T_protection_referral_accept}}</button>
<button type="submit" name="decision" value="reject" class="secondary" id="referral-reject">{{T_protection_referral_reject}}</button></div>{{/CAN_DECIDE}}
{{#CAN_FINISH}}<button type="submit" name="decision" value="done" id="referral-done">{{T_protection_referral_done_button}}</button>{{/CAN_FINISH}}
</form>
</article>{{/DECIDE}}
