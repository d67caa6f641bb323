{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/stats.css">
<article class="stats-profile">
<header><hgroup><h1>{{T_stats_profile_title}}: {{MISSION}}</h1><p>{{CODE}} · {{T_stats_as_of}} {{AS_OF}}</p></hgroup></header>
<div class="grid stats-totals">
<div><small>{{T_stats_total}}</small><p class="stats-number">{{TOTAL}}</p></div>
<div><small>{{T_stats_reports_30}}</small><p class="stats-number">{{REPORTS_30}}</p></div>
<div><small>{{T_stats_passport_expiring}}</small><p class="stats-number">{{EXPIRING}}</p></div>
<div><small>{{T_stats_passport_expired}}</small><p class="stats-number">{{EXPIRED}}</p></div>
</div>
<div class="grid">
<section><h2>{{T_stats_by_category}}</h2><ul class="stats-bars">{{#CATEGORY_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/CATEGORY_BAR}}</ul></section>
<section><h2>{{T_stats_by_province}}</h2><ul class="stats-bars">{{#PROVINCE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/PROVINCE_BAR}}</ul></section>
</div>
<div class="grid">
<section id="profile-sectors"><h2>{{T_stats_pmi_sectors}}</h2><ul class="stats-bars">{{#SECTOR_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/SECTOR_BAR}}</ul>
<p><small>{{T_stats_pmi_sectors_note}}</small></p></section>
<section id="profile-cases"><h2>{{T_stats_caseload}}</h2><p>{{T_stats_caseload_open}}: <strong id="profile-open-cases">{{OPEN_CASES}}</strong></p>
{{#NO_CASES}}<p>{{T_stats_caseload_none}}</p>{{/NO_CASES}}
<table class="striped"><thead><tr><th scope="col">{{T_stats_case_category}}</th><th scope="col">{{T_stats_case_state}}</th><th scope="col">{{T_stats_case_count}}</th></tr></thead>
<tbody>{{#CASE_ROW}}<tr><td>{{CATEGORY}}</td><td>{{STATE}}</td><td>{{N}}</td></tr>{{/CASE_ROW}}</tbody></table></section>
</div>
<section><h2>{{T_stats_by_age_band}}</h2><ul class="stats-bars">{{#AGE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/AGE_BAR}}</ul></section>
<footer class="no-print"><a href="{{PDF}}" role="button">{{T_stats_profile_pdf}}</a> <a href="{{DASHBOARD}}">{{T_stats_title}}</a></footer>
</article>
