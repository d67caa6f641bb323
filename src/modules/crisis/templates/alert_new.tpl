{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_crisis_nav}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/krisis">{{T_crisis_list_title}}</a></li><li><a href="/konsol/krisis/baru" aria-current="page">{{T_crisis_new_title}}</a></li></ul></nav>
<article>
<header><h1>{{T_crisis_new_title}}</h1><p>{{T_crisis_new_intro}}</p></header>
{{>EDIT_FORM}}
</article>
