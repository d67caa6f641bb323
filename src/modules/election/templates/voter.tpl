{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_voter_title}}</h1>
{{#NO_ELECTION}}<p>{{T_voter_no_election}}</p>{{/NO_ELECTION}}
{{#ELECTION}}<section data-election>
<h2>{{NAME}}</h2>
<p>{{T_voter_polling_day}}: <strong>{{POLLING_DATE}}</strong><br>{{T_voter_cutoff}}: {{CUTOFF_DATE}}{{#HAS_PPLN}}<br>{{T_voter_ppln}}: {{PPLN}}{{/HAS_PPLN}}</p>
{{#NO_LIST_YET}}<p>{{T_voter_no_list_yet}}</p>{{/NO_LIST_YET}}
{{#ON_LIST}}<p class="flash" role="status" data-on-list="yes">{{T_voter_on_list}}</p>
<p>{{T_voter_method}}: <strong>{{METHOD}}</strong><br>{{T_voter_unit}}: {{UNIT}}<br>{{T_voter_number}}: {{NUMBER}}</p>
{{#HAS_PROBLEM}}<p>{{T_voter_problem}}: {{PROBLEM}}</p><p><small>{{T_voter_contact}}</small></p>{{/HAS_PROBLEM}}{{/ON_LIST}}
{{#NOT_ON_LIST}}<p class="flash flash-error" role="status" data-on-list="no">{{T_voter_not_on_list}}</p>
<p>{{T_voter_reason}}: {{REASON}}</p>
<p><small>{{T_voter_contact}}</small></p>{{/NOT_ON_LIST}}
<p><a href="/pemilu-saya/{{CODE}}">{{T_voter_switch_link}}</a></p>
</section>
{{/ELECTION}}
<p><a href="/beranda">{{T_nav_back_home}}</a></p>
</article>
