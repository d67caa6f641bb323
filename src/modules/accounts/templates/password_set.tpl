{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_staff_password_set_title}}</h1>
<p>{{T_staff_password_set_text}}</p>
<p><a href="/masuk" role="button">{{T_nav_sign_in}}</a></p>
</article>
