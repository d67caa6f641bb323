{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_counter_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/duplikat" aria-current="page">{{T_counter_claims_title}}</a></li><li><a href="/konsol/loket">{{T_counter_start_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_counter_claims_title}}</h1><p>{{T_counter_claims_intro}}</p></header>
<h2>{{T_counter_open}}</h2>
{{#NONE_OPEN}}<p>{{T_counter_none_open}}</p>{{/NONE_OPEN}}
<div class="overflow-auto"><table class="striped">
<thead><tr><th>#</th><th>{{T_counter_col_created}}</th><th>{{T_counter_col_record}}</th><th>{{T_counter_col_holder}}</th><th>{{T_counter_col_claimant}}</th><th></th></tr></thead>
<tbody>
{{#OPEN}}<tr><td>{{ID}}</td><td>{{CREATED}}</td><td>{{NAME}}<br><small>{{REG_NUMBER}} · NIK {{NIK}} · {{MISSION}}</small></td><td>{{HOLDER}}</td><td>{{CLAIMANT}}</td><td><a href="/konsol/duplikat/{{ID}}">{{T_counter_open_claim}}</a></td></tr>
{{/OPEN}}</tbody></table></div>
<h2>{{T_counter_resolved}}</h2>
{{#NONE_RESOLVED}}<p>{{T_counter_none_resolved}}</p>{{/NONE_RESOLVED}}
<div class="overflow-auto"><table class="striped">
<thead><tr><th>#</th><th>{{T_counter_col_resolved}}</th><th>{{T_counter_col_record}}</th><th>{{T_counter_col_decision}}</th><th>{{T_counter_col_claimant}}</th><th></th></tr></thead>
<tbody>
{{#RESOLVED}}<tr><td>{{ID}}</td><td>{{RESOLVED}}</td><td>{{NAME}}<br><small>{{REG_NUMBER}} · NIK {{NIK}} · {{MISSION}}</small></td><td>{{RESOLUTION}}</td><td>{{CLAIMANT}}</td><td><a href="/konsol/duplikat/{{ID}}">{{T_counter_open_claim}}</a></td></tr>
{{/RESOLVED}}</tbody></table></div>
</article>
