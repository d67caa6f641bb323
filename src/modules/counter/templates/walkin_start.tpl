{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_counter_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/duplikat">{{T_counter_claims_title}}</a></li><li><a href="/konsol/loket" aria-current="page">{{T_counter_start_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_counter_start_title}}</h1></header>
<p>{{T_counter_start_intro}}</p>
<ul><li>{{T_counter_start_rule_same}}</li><li>{{T_counter_start_rule_mission}}</li><li>{{T_counter_start_rule_existing}}</li><li>{{T_counter_start_rule_online}}</li></ul>
<p><a href="/konsol/loket/baru" role="button">{{T_counter_start_button}}</a></p>
</article>
