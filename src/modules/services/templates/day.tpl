{{%AUTOESCAPE context="HTML"}}
<nav aria-label="{{T_services_queue_title}}"><ul><li><a href="/konsol">{{T_nav_console}}</a></li><li><a href="/konsol/layanan">{{T_services_queue_title}}</a></li></ul></nav>
<hgroup><h1>{{T_services_day_title}}</h1><p>{{MISSION}} · {{DAY}} ({{TIME_ZONE}})</p></hgroup>
<form method="get" action="/konsol/layanan/hari" class="day-pick">
{{#PICK_MISSION}}<label for="d-misi">{{T_services_day_mission}}<input id="d-misi" name="misi" value="{{MISSION_CODE}}" required></label>{{/PICK_MISSION}}
<label for="d-tanggal">{{T_services_day_date}}<input id="d-tanggal" name="tanggal" type="date" value="{{DAY}}"></label>
<button type="submit" class="secondary">{{T_services_day_show}}</button>
</form>
{{#HAS_LIST}}<div class="overflow-auto"><table class="striped">
<thead><tr><th scope="col">{{T_services_day_time}}</th><th scope="col">{{T_services_applicant_name}}</th><th scope="col">{{T_services_service}}</th><th scope="col">{{T_services_day_arrival}}</th></tr></thead>
<tbody>
{{#ROW}}<tr data-appointment="{{APPOINTMENT_ID}}"><td>{{TIME}}</td><td><a href="/konsol/layanan/{{APP_ID}}">{{NAME}}</a></td><td>{{SERVICE}}</td>
<td>{{#ARRIVED}}<span class="arrived">{{T_services_day_arrived}} {{ARRIVED_AT}}</span>{{/ARRIVED}}{{#CAN_MARK}}<form method="post" action="/konsol/layanan/hari/hadir"><input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="appointment_id" value="{{APPOINTMENT_ID}}"><input type="hidden" name="tanggal" value="{{DAY}}"><button type="submit" class="secondary">{{T_services_day_mark}}</button></form>{{/CAN_MARK}}</td></tr>
{{/ROW}}</tbody></table></div>
{{#EMPTY}}<p>{{T_services_day_empty}}</p>{{/EMPTY}}{{/HAS_LIST}}
{{#CAN_QUEUE}}<article><h2>{{T_services_ticket_title}}</h2>
<form method="post" action="/konsol/layanan/antrian">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="q-service">{{T_services_service}}<select id="q-service" name="service"><option value="">{{T_services_ticket_any}}</option>{{#SERVICE_OPTION}}<option value="{{CODE}}">{{NAME}}</option>{{/SERVICE_OPTION}}</select></label>
<button type="submit">{{T_services_ticket_take}}</button>
</form></article>{{/CAN_QUEUE}}
