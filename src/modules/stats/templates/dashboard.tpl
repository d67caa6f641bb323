{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/uPlot.min.css">
<link rel="stylesheet" href="/static/stats.css">
<hgroup><h1>{{T_stats_title}}</h1><p>{{SCOPE}}</p></hgroup>
<section id="stats-dashboard" hx-boost="false" data-api="{{API}}" data-stream="{{STREAM}}" data-atlas="/static/countries-110m.json" data-codes="/static/codes.json" data-live-text="{{T_stats_live_updated}}">
<p><small>{{T_stats_as_of}} <span id="stats-as-of">{{AS_OF}}</span></small> · <a href="{{SELF}}" id="stats-refresh">{{T_stats_refresh}}</a>
<span id="stats-live" role="status" aria-live="polite" class="stats-live"></span></p>
<details{{#FILTERED}} open{{/FILTERED}}>
<summary>{{T_stats_filters}}</summary>
<form method="get" action="/konsol/statistik" class="stats-filters">
<div class="grid">
{{#MISSION_FILTER}}<label for="f-mission">{{T_stats_mission}}<select id="f-mission" name="mission"><option value="">{{T_stats_any}}</option>{{#MISSION_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/MISSION_OPTION}}</select></label>{{/MISSION_FILTER}}
<label for="f-country">{{T_stats_country_code}}<input id="f-country" name="country" value="{{COUNTRY}}" maxlength="2" autocomplete="off" placeholder="MY"></label>
<label for="f-subdivision">{{T_stats_subdivision_code}}<input id="f-subdivision" name="subdivision" value="{{SUBDIVISION}}" maxlength="10" autocomplete="off" placeholder="MY-12"></label>
</div>
<div class="grid">
<label for="f-category">{{T_stats_category}}<select id="f-category" name="category"><option value="">{{T_stats_any}}</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select></label>
<label for="f-sex">{{T_stats_sex}}<select id="f-sex" name="sex"><option value="">{{T_stats_any}}</option>{{#SEX_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/SEX_OPTION}}</select></label>
<label for="f-age">{{T_stats_age_band}}<select id="f-age" name="age"><option value="">{{T_stats_any}}</option>{{#AGE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/AGE_OPTION}}</select></label>
</div>
<div class="grid">
<label for="f-province">{{T_stats_province}}<select id="f-province" name="province"><option value="">{{T_stats_any}}</option>{{#PROVINCE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/PROVINCE_OPTION}}</select></label>
<label for="f-regency">{{T_stats_regency_code}}<input id="f-regency" name="regency" value="{{REGENCY}}" maxlength="5" autocomplete="off" placeholder="32.73"></label>
<label for="f-state">{{T_stats_state}}<select id="f-state" name="state"><option value="">{{T_stats_any}}</option>{{#STATE_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/STATE_OPTION}}</select></label>
</div>
<div class="grid">
<label for="f-passport">{{T_stats_passport}}<select id="f-passport" name="passport"><option value="">{{T_stats_any}}</option>{{#PASSPORT_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/PASSPORT_OPTION}}</select></label>
<label for="f-days">{{T_stats_days}}<select id="f-days" name="days">{{#DAYS_OPTION}}<option value="{{VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{LABEL}}</option>{{/DAYS_OPTION}}</select></label>
</div>
<button type="submit">{{T_stats_apply}}</button> <a href="/konsol/statistik">{{T_stats_clear}}</a>
</form>
</details>
<div class="grid stats-totals">
<article><header>{{T_stats_total}}</header><p class="stats-number" id="stats-total">{{TOTAL}}</p></article>
<article><header>{{T_stats_passport_expiring}}</header><p class="stats-number" id="stats-expiring">{{EXPIRING}}</p></article>
<article><header>{{T_stats_passport_expired}}</header><p class="stats-number" id="stats-expired">{{EXPIRED}}</p></article>
</div>
<p><a href="{{CSV}}" download>{{T_stats_export_csv}}</a> · <a href="{{XLSX}}" download>{{T_stats_export_xlsx}}</a></p>
<h2>{{T_stats_trend}}</h2>
<p class="stats-trend-scope"><small>{{T_stats_trend_scope}}</small></p>
{{#TREND_NOTE}}<p id="stats-trend-note" role="note"><mark>{{T_stats_trend_ignores}}: {{TREND_IGNORES}}.</mark></p>{{/TREND_NOTE}}
<div id="stats-trend-chart" class="stats-chart" aria-hidden="true"></div>
<details><summary>{{T_stats_trend_table}}</summary>
<div class="overflow-auto"><table class="striped"><thead><tr><th scope="col">{{T_stats_date}}</th><th scope="col">{{T_stats_reports}}</th><th scope="col">{{T_stats_departures}}</th><th scope="col">{{T_stats_returns}}</th></tr></thead>
<tbody>{{#TREND_ROW}}<tr><td>{{DATE}}</td><td>{{REPORTS}}</td><td>{{DEPARTURES}}</td><td>{{RETURNS}}</td></tr>{{/TREND_ROW}}</tbody></table></div>
</details>
<h2>{{T_stats_map}}</h2>
<figure id="stats-map" class="stats-map">{{MAP_SVG:none}}<figcaption>{{T_stats_map_caption}}</figcaption></figure>
<div class="grid">
<section><h3>{{T_stats_by_category}}</h3><ul class="stats-bars" id="bars-category">{{#CATEGORY_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/CATEGORY_BAR}}</ul></section>
<section><h3>{{T_stats_by_sex}}</h3><ul class="stats-bars" id="bars-sex">{{#SEX_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/SEX_BAR}}</ul>
<h3>{{T_stats_by_state}}</h3><ul class="stats-bars">{{#STATE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/STATE_BAR}}</ul></section>
</div>
<div class="grid">
<section><h3>{{T_stats_by_age_band}}</h3><ul class="stats-bars" id="bars-age">{{#AGE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/AGE_BAR}}</ul></section>
<section><h3>{{T_stats_by_province}}</h3><ul class="stats-bars" id="bars-province">{{#PROVINCE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/PROVINCE_BAR}}</ul></section>
</div>
<section id="missions"><h3>{{T_stats_by_mission}} {{COUNTRY_NAME}}</h3>
<ul>{{#MISSION_ROW}}<li><a href="{{HREF}}">{{NAME}}</a> <small>{{CODE}}</small> <strong>{{N}}</strong></li>{{/MISSION_ROW}}</ul></section>
<section><h3>{{T_stats_by_country}}</h3><ul class="stats-bars" id="bars-country">{{#COUNTRY_BAR}}<li><a href="{{HREF}}">{{LABEL}}</a> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/COUNTRY_BAR}}</ul></section>
</section>
<script src="/static/uPlot.iife.min.js" defer></script>
<script src="/static/d3-array.min.js" defer></script>
<script src="/static/d3-geo.min.js" defer></script>
<script src="/static/topojson-client.min.js" defer></script>
<script src="/static/stats.js" defer></script>
