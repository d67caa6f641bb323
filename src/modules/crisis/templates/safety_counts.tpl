{{%AUTOESCAPE context="HTML"}}
<h1>{{T_safety_counts_title}}</h1>
<p><strong>{{TITLE}}</strong> · {{STATE}}</p>
<nav><ul><li><a href="/konsol/krisis/{{ID}}/belum-terdata">{{T_safety_calls_title}}</a></li><li><a href="/konsol/krisis/{{ID}}/hitungan" id="counts-refresh">{{T_safety_refresh}}</a></li></ul></nav>
<section id="safety-counts" data-stream="/konsol/krisis/{{ID}}/hitungan/stream" data-labels="{{T_safety_status_safe}}|{{T_safety_status_needs_help}}|{{T_safety_status_no_answer}}|{{T_safety_status_unreachable}}">
<div id="safety-chart" aria-hidden="true"></div>
<div class="overflow-auto"><table class="striped">
<thead><tr><th scope="col">{{T_safety_mission}}</th><th scope="col">{{T_safety_field_area}}</th><th scope="col">{{T_safety_status_safe}}</th><th scope="col">{{T_safety_status_needs_help}}</th><th scope="col">{{T_safety_status_no_answer}}</th><th scope="col">{{T_safety_status_unreachable}}</th><th scope="col">{{T_safety_status_left_area}}</th></tr></thead>
<tbody id="safety-counts-body">{{#AREA}}<tr><td>{{MISSION}}</td><td>{{AREA}}</td><td>{{SAFE}}</td><td>{{NEEDS_HELP}}</td><td>{{NO_ANSWER}}</td><td>{{UNREACHABLE}}</td><td>{{LEFT_AREA}}</td></tr>{{/AREA}}</tbody>
<tfoot>{{#TOTAL}}<tr><th scope="row" colspan="2">{{T_safety_total}}</th><td data-count="safe">{{SAFE}}</td><td data-count="needs_help">{{NEEDS_HELP}}</td><td data-count="no_answer">{{NO_ANSWER}}</td><td data-count="unreachable">{{UNREACHABLE}}</td><td data-count="left_area">{{LEFT_AREA}}</td></tr>{{/TOTAL}}</tfoot>
</table></div>
</section>
{{#CAN_CLOSE}}<details><summary role="button" class="secondary outline">{{T_safety_close}}</summary>
<p>{{T_safety_close_hint}}</p>
<form method="post" action="/konsol/krisis/{{ID}}/tutup"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="contrast">{{T_safety_close_confirm}}</button></form></details>{{/CAN_CLOSE}}
<link rel="stylesheet" href="/static/uPlot.min.css">
<script src="/static/uPlot.iife.min.js" defer></script>
<script src="/static/safety.js" defer></script>
