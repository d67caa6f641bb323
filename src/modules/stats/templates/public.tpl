{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/stats.css">
<hgroup><h1>{{T_stats_public_title}}</h1><p>{{T_stats_public_lead}}</p></hgroup>
<p><small>{{T_stats_as_of}} {{AS_OF}} · {{T_stats_public_threshold}} {{THRESHOLD}} · <a href="/api/v1/public/stats">JSON</a></small></p>
<div class="overflow-auto">
<table class="striped">
<caption>{{T_stats_public_caption}}</caption>
<thead><tr><th scope="col">{{T_stats_country}}</th>{{#HEAD}}<th scope="col">{{LABEL}}</th>{{/HEAD}}<th scope="col">{{T_stats_sum}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{COUNTRY}}</th>{{#CELL}}<td>{{#HIDDEN}}<abbr title="{{T_stats_suppressed}}">—</abbr>{{/HIDDEN}}{{N}}</td>{{/CELL}}</tr>
{{/ROW}}</tbody>
<tfoot>{{#TOTALS}}<tr><th scope="row">{{T_stats_sum}}</th>{{#CELL}}<td>{{#HIDDEN}}<abbr title="{{T_stats_suppressed}}">—</abbr>{{/HIDDEN}}{{N}}</td>{{/CELL}}</tr>{{/TOTALS}}</tfoot>
</table>
</div>
<p><small>{{T_stats_public_note}}</small></p>
