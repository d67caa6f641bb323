{{%AUTOESCAPE context="HTML"}}
<hgroup>
<h1>{{T_election_page_title}}: {{PPLN_NAME}}</h1>
<p>{{ELECTION}} · {{T_election_polling_day}} {{POLLING}} · {{T_election_cutoff}} {{CUTOFF}}</p>
</hgroup>
<p><a href="/pemilu/{{CODE}}/{{PPLN}}/cakupan">{{T_election_coverage_link}}</a> · <a href="/pemilu/{{CODE}}/{{PPLN}}/pos">{{T_election_ballots_title}}</a></p>
{{#MAY_GENERATE}}<form method="post" action="/pemilu/{{CODE}}/{{PPLN}}">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<button type="submit">{{T_election_generate}}</button>
<small>{{T_election_generate_hint}}</small>
</form>{{/MAY_GENERATE}}
<h2>{{T_election_versions}}</h2>
{{#NO_VERSION}}<p>{{T_election_no_version}}</p>{{/NO_VERSION}}
{{#VERSION}}<article>
<header><strong>{{T_election_version}} {{NUMBER}}</strong> · <small>{{T_election_snapshot}} {{SNAPSHOT}}</small></header>
<dl>
<dt>{{T_election_potential}}</dt><dd>{{POTENTIAL}}</dd>
<dt>{{T_election_included}}</dt><dd>{{INCLUDED}}</dd>
<dt>{{T_election_verified}}</dt><dd>{{VERIFIED}}</dd>
<dt>{{T_election_postal_checked}}</dt><dd>{{POSTAL_CHECKED}} / {{POSTAL}}</dd>
<dt>{{T_election_problems}}</dt><dd>{{PROBLEMS}}</dd>
</dl>
<p class="actions">
<a href="{{BASE}}/export.csv?kind=kpu" hx-boost="false" role="button" class="secondary">{{T_election_export_kpu_csv}}</a>
<a href="{{BASE}}/export.xlsx?kind=kpu" hx-boost="false" role="button" class="secondary">{{T_election_export_kpu_xlsx}}</a>
<a href="{{BASE}}/export.csv?kind=printed" hx-boost="false" role="button" class="secondary outline">{{T_election_export_printed_csv}}</a>
<a href="{{BASE}}/export.xlsx?kind=printed" hx-boost="false" role="button" class="secondary outline">{{T_election_export_printed_xlsx}}</a>
</p>
</article>{{/VERSION}}
{{#DIFF}}<h2>{{T_election_diff}} {{NUMBER}} ({{TOTAL}})</h2>
{{#DIFF_EMPTY}}<p>{{T_election_diff_empty}}</p>{{/DIFF_EMPTY}}
<div class="overflow-auto"><table>
<thead><tr><th>{{T_election_change}}</th><th>{{T_election_name}}</th><th>{{T_election_reason}}</th><th>{{T_election_from}}</th><th>{{T_election_to}}</th></tr></thead>
<tbody>{{#ROW}}<tr><td>{{CHANGE}}</td><td>{{NAME}}</td><td>{{REASON}}</td><td>{{FROM}}</td><td>{{TO}}</td></tr>{{/ROW}}</tbody>
</table></div>{{/DIFF}}
