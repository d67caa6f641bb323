{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_protection_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/kasus">{{T_protection_queue_title}}</a></li><li><a href="/konsol/rujukan" aria-current="page">{{T_protection_referrals_in}}</a></li></ul></nav>
<hgroup><h1>{{T_protection_referrals_in}}</h1><p>{{SCOPE}}</p></hgroup>
<p>{{#OPEN_ONLY}}<a href="/konsol/rujukan?semua=1">{{T_protection_referral_show_all}}</a>{{/OPEN_ONLY}}{{#ALL}}<a href="/konsol/rujukan">{{T_protection_referral_show_open}}</a>{{/ALL}}</p>
{{#NONE}}<p>{{T_protection_referral_none}}</p>{{/NONE}}
<div class="overflow-auto"><table class="striped" id="referrals-in">
<thead><tr><th>{{T_protection_tracking}}</th><th>{{T_protection_col_category}}</th><th>{{T_protection_referral_from}}</th><th>{{T_protection_referral_state}}</th><th>{{T_protection_referral_scope}}</th></tr></thead>
<tbody>
{{#REFERRAL}}<tr data-referral="{{ID}}" data-state="{{STATE_KEY}}"><td><a href="/konsol/rujukan/{{ID}}">{{TRACKING}}</a><br><small>{{PRIORITY}}</small></td><td>{{CATEGORY}}{{#RESTRICTED}} <small>({{T_protection_restricted}})</small>{{/RESTRICTED}}</td><td>{{FROM}} → {{TO}}<br><small>{{AT}}</small></td><td>{{STATE}}</td><td>{{SCOPE_LABEL}}</td></tr>
{{/REFERRAL}}</tbody></table></div>
