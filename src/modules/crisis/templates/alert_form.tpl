{{%AUTOESCAPE context="HTML"}}
<form method="post" action="{{ACTION}}" novalidate id="crisis-form">
<input type="hidden" name="_csrf" value="{{CSRF}}">
{{>FIELDS}}
<fieldset><legend>{{T_crisis_area}}</legend>
<p><small>{{T_crisis_area_hint}}</small></p>
{{#HAS_AREA_ERROR}}<p class="error" role="alert">{{AREA_ERROR}}</p>{{/HAS_AREA_ERROR}}
<label for="countries">{{T_crisis_field_countries}}</label>
<input id="countries" name="countries" value="{{COUNTRIES}}" autocomplete="off">
<small>{{T_crisis_field_countries_hint}}</small>
<label for="subdivisions">{{T_crisis_field_subdivisions}}</label>
<input id="subdivisions" name="subdivisions" value="{{SUBDIVISIONS}}" autocomplete="off">
<small>{{T_crisis_field_subdivisions_hint}}</small>
<div class="grid">
<label>{{T_crisis_field_centre_lat}}<input name="centre_lat" id="centre_lat" value="{{CENTRE_LAT}}" inputmode="decimal"></label>
<label>{{T_crisis_field_centre_lon}}<input name="centre_lon" id="centre_lon" value="{{CENTRE_LON}}" inputmode="decimal"></label>
<label>{{T_crisis_field_radius_km}}<input name="radius_km" id="radius_km" value="{{RADIUS_KM}}" inputmode="decimal"></label>
</div>
<label for="polygon">{{T_crisis_field_polygon}}</label>
<textarea id="polygon" name="polygon" rows="2">{{POLYGON}}</textarea>
<small>{{T_crisis_field_polygon_hint}}</small>
<div id="crisis-map" class="crisis-map" data-atlas="/static/countries-110m.json" data-label="{{T_crisis_map_label}}" data-circle="{{T_crisis_map_circle}}" data-polygon="{{T_crisis_map_polygon}}" data-clear="{{T_crisis_map_clear}}"></div>
</fieldset>
<fieldset><legend>{{T_crisis_field_categories}}</legend>
<small>{{T_crisis_field_categories_hint}}</small>
{{#HAS_CATEGORY_ERROR}}<p class="error" role="alert">{{CATEGORY_ERROR}}</p>{{/HAS_CATEGORY_ERROR}}
{{#CATEGORY}}<label><input type="checkbox" name="category" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/CATEGORY}}</fieldset>
<label><input type="checkbox" name="safety_check" value="yes"{{#SAFETY_CHECKED}} checked{{/SAFETY_CHECKED}}> {{T_crisis_field_safety_check}}</label>
<button type="submit">{{T_crisis_save}}</button>
</form>
<link rel="stylesheet" href="/static/crisis_alerts.css">
<script src="/static/d3-array.min.js" defer></script>
<script src="/static/d3-geo.min.js" defer></script>
<script src="/static/topojson-client.min.js" defer></script>
<script src="/static/crisis_map.js" defer></script>
