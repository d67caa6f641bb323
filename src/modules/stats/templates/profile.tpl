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
<section><h2>{{T_stats_by_age_band}}</h2><ul class="stats-bars">{{#AGE_BAR}}<li><span>{{LABEL}}</span> <strong>{{N}}</strong><progress value="{{N}}" max="{{MAX}}" aria-label="{{LABEL}}"></progress></li>{{/AGE_BAR}}</ul></section>
<footer class="no-print"><a href="{{PDF}}" role="button">{{T_stats_profile_pdf}}</a> <a href="{{DASHBOARD}}">{{T_stats_title}}</a></footer>
</article>
