{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_console_title}}</h1><p>{{SCOPE}}</p></hgroup>
<p><a href="/konsol/cari" role="button" class="secondary">{{T_console_search_title}}</a> <a href="/konsol/kasus" role="button" class="secondary">{{T_protection_queue_title}}</a> <a href="/konsol/statistik" role="button" class="secondary outline" hx-boost="false">{{T_stats_title}}</a> <a href="/konsol/layanan" role="button" class="secondary outline">{{T_services_queue_title}}</a></p>
<ul class="console-tabs" aria-label="{{T_console_tabs}}">
{{#TAB}}<li><a href="{{HREF}}" data-tab="{{KEY}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}} <strong>{{COUNT}}</strong></a></li>
{{/TAB}}</ul>
{{#FILTERS}}<details{{#MINE}} open{{/MINE}}>
<summary>{{T_console_filter_title}}</summary>
<form method="get" action="/konsol">
<input type="hidden" name="tab" value="{{TAB_VALUE}}">
<label for="f-state">{{T_console_filter_state}}</label>
<select id="f-state" name="state">{{#STATE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/STATE_OPTION}}</select>
<label for="f-category">{{T_stay_category}}</label>
<select id="f-category" name="category"><option value="">{{T_console_filter_any}}</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select>
<label for="f-date">{{T_console_filter_date}}</label>
<select id="f-date" name="date"><option value="submitted"{{#DATE_SUBMITTED}} selected{{/DATE_SUBMITTED}}>{{T_console_filter_date_submitted}}</option><option value="arrival"{{#DATE_ARRIVAL}} selected{{/DATE_ARRIVAL}}>{{T_stay_arrival_date}}</option></select>
<div class="grid">
<label for="f-from">{{T_console_filter_from}}<input id="f-from" name="from" type="date" value="{{FROM}}"></label>
<label for="f-to">{{T_console_filter_to}}<input id="f-to" name="to" type="date" value="{{TO}}"></label>
</div>
{{#CAN_BE_ASSIGNED}}<label for="f-mine"><input id="f-mine" name="mine" type="checkbox" value="1"{{#MINE}} checked{{/MINE}}> {{T_console_filter_mine}}</label>{{/CAN_BE_ASSIGNED}}
<button type="submit">{{T_console_filter_apply}}</button>
</form>
</details>{{/FILTERS}}
{{#EMPTY}}<p>{{T_console_empty}}</p>{{/EMPTY}}
<ul class="console-list">
{{#REPORT}}<li><article>
<header><a href="{{HREF}}"><strong>{{NAME}}</strong></a> <small>NIK {{NIK}}</small></header>
<p>{{CATEGORY}} · {{MISSION}}<br><small>{{T_stay_arrival_date}} {{ARRIVAL}} · {{T_console_submitted}} {{SUBMITTED}} · {{STATE}}{{#ASSIGNED}} · {{T_console_assigned_to}} {{ASSIGNEE}}{{/ASSIGNED}}</small></p>
<ul class="checks">{{#VERDICT}}<li class="check-{{STATE}}">{{TEXT}}</li>{{/VERDICT}}</ul>
</article></li>
{{/REPORT}}{{#ATTENTION}}<li><article>
<header><a href="{{HREF}}"><strong>{{NAME}}</strong></a> <small>NIK {{NIK}}</small></header>
<p>{{CATEGORY}} · {{MISSION}}<br><small>{{UPDATED}}</small></p>
<ul class="checks"><li class="check-{{STATE}}">{{TEXT}}</li></ul>
</article></li>
{{/ATTENTION}}{{#DUPLICATE}}<li><article>
<header><a href="{{HREF}}"><strong>{{T_console_duplicate_claim}}</strong></a></header>
<p><a href="{{RECORD_HREF}}">{{NAME}}</a> <small>NIK {{NIK}}</small><br><small>{{MISSION}} · {{CREATED}}</small></p>
</article></li>
{{/DUPLICATE}}</ul>
{{#HAS_NEXT}}<p><a href="{{NEXT_HREF}}" role="button" class="secondary outline">{{T_console_next_page}}</a></p>{{/HAS_NEXT}}
