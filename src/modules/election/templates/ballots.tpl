{{%AUTOESCAPE context="HTML"}}
<hgroup><h1>{{T_election_ballots_title}}: {{PPLN_NAME}}</h1><p>{{ELECTION}}{{#HAS_VERSION}} · {{T_election_version}} {{VERSION}}{{/HAS_VERSION}} · <a href="{{LIST_HREF}}">{{T_election_ballots_back}}</a></p></hgroup>
{{#NO_VERSION}}<p>{{T_election_no_version}}</p>{{/NO_VERSION}}
<form method="get" action="{{BASE}}">
<label for="unit">{{T_election_ballots_unit}}</label>
<select id="unit" name="unit"><option value="">{{T_election_ballots_all_units}}</option>{{#UNIT}}<option value="{{UNIT}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{UNIT}} ({{VOTERS}})</option>{{/UNIT}}</select>
<button type="submit" class="secondary">{{T_election_ballots_show}}</button>
</form>
{{#MAY_SEND_UNIT}}<form method="post" action="{{BASE}}">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label for="send-unit">{{T_election_ballots_send_unit}}</label>
<select id="send-unit" name="unit" required>{{#UNIT}}<option value="{{UNIT}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{UNIT}} ({{VOTERS}})</option>{{/UNIT}}</select>
<small>{{T_election_ballots_send_unit_hint}}</small>
<button type="submit">{{T_election_ballots_send_unit_button}}</button>
</form>{{/MAY_SEND_UNIT}}
{{#EMPTY}}<p>{{T_election_ballots_empty}}</p>{{/EMPTY}}
<div class="overflow-auto"><table>
<thead><tr><th>{{T_election_ballots_unit}}</th><th>{{T_election_name}}</th><th>{{T_election_ballots_state}}</th><th></th></tr></thead>
<tbody>{{#VOTER}}<tr data-citizen="{{ID}}"><td>{{UNIT}} / {{SEQ}}</td><td>{{NAME}}</td><td data-ballot="{{STATE_KEY}}">{{STATE}}</td><td>{{#NEXT}}<form method="post" action="{{BASE}}">
<input type="hidden" name="_csrf" value="{{CSRF}}"><input type="hidden" name="citizen_id" value="{{ID}}"><input type="hidden" name="event" value="{{EVENT}}"><input type="hidden" name="unit" value="{{UNIT}}">
<button type="submit" class="secondary outline">{{LABEL}}</button></form>{{/NEXT}}</td></tr>{{/VOTER}}</tbody>
</table></div>
{{#HAS_NEXT}}<p><a href="{{NEXT_HREF}}">{{T_election_ballots_more}}</a></p>{{/HAS_NEXT}}
