{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_error_title}} ({{STATUS}})</h1>
<p>{{MESSAGE}}</p>
<p><small>{{T_error_request_id}}: <code>{{REQUEST_ID}}</code></small></p>
<p><a href="/">{{T_nav_back_home}}</a></p>
</article>
