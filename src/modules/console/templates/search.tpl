{{%AUTOESCAPE context="HTML"}}
<h1>{{T_console_search_title}}</h1>
<p><a href="/konsol">{{T_console_back_to_queue}}</a></p>
<form method="post" action="/konsol/cari" novalidate>
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<button type="submit">{{T_console_search_button}}</button>
</form>
{{#RESULTS}}<section aria-label="{{T_console_search_results}}">
<h2>{{T_console_search_results}}</h2>
{{#NO_HITS}}<p>{{T_console_search_none}}</p>{{/NO_HITS}}
<ul class="console-list">
{{#HIT}}<li><a href="{{HREF}}"><strong>{{NAME}}</strong></a> <small>NIK {{NIK}} · {{MISSION}} · {{STATUS}}</small></li>
{{/HIT}}</ul>
{{#NEXT}}<form method="post" action="/konsol/cari">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<input type="hidden" name="kind" value="{{KIND}}">
<input type="hidden" name="q" value="{{Q}}">
<input type="hidden" name="after" value="{{AFTER}}">
<button type="submit" class="secondary outline">{{T_console_next_page}}</button>
</form>{{/NEXT}}
</section>{{/RESULTS}}
