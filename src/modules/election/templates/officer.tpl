{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_election_officer_title}}: {{NAME}}</h1><p>{{MISSION}} · <a href="{{RECORD_HREF}}">{{T_election_officer_back}}</a></p></hgroup>
{{#NO_ELECTION}}<p>{{T_voter_no_election}}</p>{{/NO_ELECTION}}
{{#STANDING}}<article data-election="{{CODE}}">
<header><strong>{{ELECTION}}</strong><br><small>{{T_voter_polling_day}} {{POLLING}} · {{T_voter_cutoff}} {{CUTOFF}}</small></header>
{{#NO_LIST_YET}}<p>{{T_election_officer_no_list}}</p>{{/NO_LIST_YET}}
{{#ON_LIST}}<p data-on-list="yes">{{T_election_officer_on_list}} {{VERSION}}: <strong>{{METHOD}}</strong> · {{UNIT}} / {{NUMBER}}{{#HAS_PROBLEM}}<br><small>{{T_voter_problem}}: {{PROBLEM}}</small>{{/HAS_PROBLEM}}</p>{{/ON_LIST}}
{{#NOT_ON_LIST}}<p data-on-list="no" data-reason="{{REASON_CODE}}">{{T_election_officer_not_on_list}} {{VERSION}}: <strong>{{REASON}}</strong></p>{{/NOT_ON_LIST}}
<p><small>{{T_election_officer_override}}: {{OVERRIDE}}<br>{{T_election_officer_request}}: {{REQUEST}}</small></p>
<p><small>{{T_election_officer_next_version}}</small></p>
</article>{{/STANDING}}
<article id="hak-pilih">
<header><h2>{{T_election_officer_right}}</h2></header>
{{#NOT_REVOKED}}<p data-revoked="no">{{T_election_officer_not_revoked}}</p>{{/NOT_REVOKED}}
{{#REVOKED}}<p data-revoked="yes"><strong>{{T_election_officer_revoked}}</strong></p>{{/REVOKED}}
<ul>{{#REVOCATION}}<li>{{REFERENCE}} · {{AT}}{{#WAS_LIFTED}}<br><small>{{T_election_officer_lifted}} {{LIFTED}}: {{LIFT_REFERENCE}}</small>{{/WAS_LIFTED}}</li>{{/REVOCATION}}</ul>
{{#MAY_ACT}}{{#REVOKE_FORM}}<form method="post" action="{{BASE}}/pencabutan" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>REFERENCE_FIELDS}}
<button type="submit">{{T_election_officer_revoke}}</button>
</form>{{/REVOKE_FORM}}{{#LIFT_FORM}}<form method="post" action="{{BASE}}/pemulihan" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>REFERENCE_FIELDS}}
<button type="submit">{{T_election_officer_lift}}</button>
</form>{{/LIFT_FORM}}{{/MAY_ACT}}
</article>
<article id="alamat-pos">
<header><h2>{{T_election_officer_postal}}</h2></header>
<p>{{ADDRESS}}</p>
{{#CHECKED}}<p data-checked="yes">{{T_election_officer_checked}} {{CHECKED_AT}}</p>{{/CHECKED}}
{{#UNCHECKED}}<p data-checked="no">{{T_election_officer_unchecked}}</p>{{/UNCHECKED}}
{{#MAY_ACT}}{{#CHECK_FORM}}<form method="post" action="{{BASE}}/alamat-pos">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit" class="secondary">{{T_election_officer_check}}</button>
</form>{{/CHECK_FORM}}{{/MAY_ACT}}
</article>
{{#MAY_ACT}}{{#METHOD_FORM}}<article id="metode">
<header><h2>{{T_election_officer_method_title}}</h2></header>
<form method="post" action="{{BASE}}/metode" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>METHOD_FIELDS}}
<button type="submit" class="secondary">{{T_election_officer_method_save}}</button>
</form>
</article>{{/METHOD_FORM}}{{/MAY_ACT}}
