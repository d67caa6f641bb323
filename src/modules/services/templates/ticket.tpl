{{%AUTOESCAPE context="HTML"}}
<article class="ticket">
<p>{{MISSION}}</p>
<p>{{T_services_ticket_number}}</p>
<p class="ticket-number"><strong style="font-size:4rem">{{NUMBER}}</strong></p>
<p>{{SERVICE}}</p>
<p><small>{{DAY}} · {{TIME}}</small></p>
</article>
<p><a href="/konsol/layanan/hari" role="button" class="secondary">{{T_services_day_title}}</a></p>
