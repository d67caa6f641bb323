{{%AUTOESCAPE context="HTML"}}
<article>
<hgroup><h1>{{T_voter_switch_title}}</h1><p>{{ELECTION}} · {{T_voter_cutoff}}: {{CUTOFF}}</p></hgroup>
{{#NO_STAY}}<p>{{T_voter_switch_no_stay}}</p>{{/NO_STAY}}
{{#ON_LIST}}<p>{{T_voter_switch_listed}}: <strong data-listed>{{LISTED}}</strong></p>{{/ON_LIST}}
{{#HAS_REQUEST}}<p>{{T_voter_switch_requested}}: <strong data-requested>{{REQUESTED}}</strong><br><small>{{T_voter_switch_precedence}}</small></p>{{/HAS_REQUEST}}
{{#FORM}}<form method="post" action="/pemilu-saya/{{CODE}}" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<button type="submit">{{T_voter_switch_button}}</button>
</form>{{/FORM}}
{{#CLOSED}}<p class="flash flash-error" role="status" data-switch="closed">{{T_voter_switch_closed}}</p>{{/CLOSED}}
{{#HAS_BALLOT}}<h2>{{T_voter_switch_ballot}}</h2>{{/HAS_BALLOT}}
<ol>{{#BALLOT}}<li data-ballot="{{EVENT}}">{{TEXT}} · {{AT}}</li>{{/BALLOT}}</ol>
<p><a href="/pemilu-saya">{{T_voter_switch_back}}</a></p>
</article>
