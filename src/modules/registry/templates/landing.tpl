{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_home_title}}</h1>
<p>{{T_home_intro}}</p>
<ul>
<li>{{T_home_point_report}}</li>
<li>{{T_home_point_help}}</li>
<li>{{T_home_point_crisis}}</li>
</ul>
<p><a href="/daftar" role="button">{{T_nav_sign_up}}</a> <a href="/masuk" role="button" class="secondary">{{T_nav_sign_in}}</a></p>
</article>
