{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_lapor_progress}}" class="steps"><ol>
{{#STEP}}<li{{#CURRENT}} aria-current="step"{{/CURRENT}}><a href="/lapor-diri/{{SLUG}}">{{NUMBER}}. {{LABEL}}</a></li>
{{/STEP}}</ol></nav>
<article>
<header><h1>{{T_step_review}}</h1></header>
{{#HAS_ERRORS}}<p class="flash flash-error" role="alert">{{T_lapor_review_errors}}</p>{{/HAS_ERRORS}}
{{#SECTION}}<section>
<h2 class="review-heading">{{TITLE}}</h2>
<p class="review-change"><a href="/lapor-diri/{{SLUG}}">{{T_lapor_change}}: {{TITLE}}</a></p>
{{#ERROR}}<p class="error" role="alert"><a href="/lapor-diri/{{SLUG}}">{{TEXT}}</a></p>{{/ERROR}}
<dl>{{#ROW}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/ROW}}</dl>
</section>
{{/SECTION}}
{{#CAN_SUBMIT}}
{{#MISSION}}<section class="mission">
<h2>{{T_lapor_your_mission}}</h2>
<p><strong>{{NAME}}</strong> ({{CITY}})<br>{{T_mission_address}}: {{ADDRESS}}<br>{{T_mission_phone}}: {{PHONE}}</p>
{{#HAS_NOTE}}<p><small>{{NOTE}}</small></p>{{/HAS_NOTE}}
</section>{{/MISSION}}
<form method="post" action="/lapor-diri/periksa">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<p><small>{{T_lapor_declaration}}</small></p>
<button type="submit">{{T_lapor_submit}}</button>
</form>
{{/CAN_SUBMIT}}
</article>
