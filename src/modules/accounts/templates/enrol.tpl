{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_signin_enrol_title}}</h1>
<ol>
<li>{{T_signin_enrol_step_app}}</li>
<li>{{T_signin_enrol_step_scan}}</li>
</ol>
<figure class="qr">{{QR_SVG:none}}</figure>
<p>{{T_signin_enrol_manual}}</p>
<p><code class="secret">{{SECRET}}</code></p>
<p>{{T_signin_enrol_step_code}}</p>
<form method="post" action="/masuk/aktivasi" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{>FIELDS}}
<button type="submit">{{T_signin_enrol_button}}</button>
</form>
</article>
