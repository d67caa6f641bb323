{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_election_coverage_title}}: {{PPLN_NAME}}</h1><p>{{ELECTION}} · <a href="{{LIST_HREF}}">{{T_election_ballots_back}}</a></p></hgroup>
{{#NO_VERSION}}<p>{{T_election_no_version}}</p>{{/NO_VERSION}}
{{#HAS_VERSION}}<p>{{T_election_version}} {{VERSION}} · {{T_election_snapshot}} {{SNAPSHOT}}</p>
<p>{{T_election_potential}}: <strong data-coverage="potential">{{POTENTIAL}}</strong></p>{{/HAS_VERSION}}
{{#BAR}}<article>
<p>{{LABEL}}: <strong>{{PART}}</strong> {{OF}} {{WHOLE}} ({{PERCENT}}%)</p>
<progress value="{{PART}}" max="{{MAX}}" aria-label="{{LABEL}}">{{PERCENT}}%</progress>
</article>{{/BAR}}
