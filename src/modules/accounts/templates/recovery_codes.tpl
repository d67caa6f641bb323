{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_signin_recovery_title}}</h1>
<p>{{T_signin_recovery_text}}</p>
<ul class="recovery-codes">
{{#RECOVERY}}<li><code>{{CODE}}</code></li>
{{/RECOVERY}}</ul>
<p><strong>{{T_signin_recovery_once}}</strong></p>
<p><a href="{{NEXT}}" role="button">{{T_signin_recovery_continue}}</a></p>
</article>
