{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_delete_done_title}}</h1>
<p>{{T_delete_done}}</p>
<p><a href="/">{{T_nav_back_home}}</a></p>
</article>
