// Crisis alerts (issue 9): draw the area on a world map. Progressive: the form's plain fields
// (centre, radius, polygon) work without this; the map only fills them. A tap sets the
// circle's centre; in polygon mode each tap adds a vertex. Longitudes are wrapped to
// [-180, 180]; the server treats each polygon edge as the short way round, so a polygon
// drawn across the antimeridian (Fiji) stays one piece.
(function () {
  "use strict";
  var form = document.getElementById("crisis-form");
  var holder = document.getElementById("crisis-map");
  if (!form || !holder || typeof d3 === "undefined" || !d3.geoPath || typeof topojson === "undefined") return;
  var field = function (n) { return form.querySelector("[name=" + n + "]"); };
  var W = 960, H = 480, ns = "http://www.w3.org/2000/svg", mode = "circle";
  fetch(holder.dataset.atlas).then(function (r) { return r.json(); }).then(function (world) {
    var land = topojson.feature(world, world.objects.countries);
    var projection = d3.geoEquirectangular().fitSize([W, H], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", holder.dataset.label || "");
    land.features.forEach(function (f) {
      var p = document.createElementNS(ns, "path");
      p.setAttribute("d", path(f) || "");
      p.setAttribute("class", "land");
      svg.appendChild(p);
    });
    var shape = document.createElementNS(ns, "path");
    shape.setAttribute("class", "drawn");
    svg.appendChild(shape);
    var tools = document.createElement("div");
    tools.className = "tools";
    [["circle", holder.dataset.circle], ["polygon", holder.dataset.polygon], ["clear", holder.dataset.clear]]
      .forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "secondary";
        btn.textContent = b[1];
        btn.addEventListener("click", function () {
          if (b[0] === "clear") {
            ["centre_lat", "centre_lon", "polygon"].forEach(function (n) { field(n).value = ""; });
          } else {
            mode = b[0];
          }
          redraw();
        });
        tools.appendChild(btn);
      });
    holder.appendChild(tools);
    holder.appendChild(svg);
    var round = function (v) { return Math.round(v * 10000) / 10000; };
    function vertices() {
      return field("polygon").value.split(";").map(function (s) {
        var p = s.split(",").map(Number);
        return p.length === 2 && isFinite(p[0]) && isFinite(p[1]) ? [p[1], p[0]] : null;
      }).filter(Boolean);
    }
    function redraw() {
      var lat = parseFloat(field("centre_lat").value), lon = parseFloat(field("centre_lon").value);
      var r = parseFloat(field("radius_km").value);
      if (mode === "circle" && isFinite(lat) && isFinite(lon) && r > 0) {
        shape.setAttribute("d", path(d3.geoCircle().center([lon, lat]).radius(r / 111.195)()) || "");
      } else {
        var v = vertices();
        if (v.length < 3) { shape.setAttribute("d", ""); return; }
        // d3 takes the ring's winding as its inside: whichever way it was tapped, draw the
        // smaller of the two.
        var poly = { type: "Polygon", coordinates: [v.concat([v[0]])] };
        if (d3.geoArea(poly) > 2 * Math.PI) poly.coordinates[0].reverse();
        shape.setAttribute("d", path(poly) || "");
      }
    }
    svg.addEventListener("click", function (e) {
      var box = svg.getBoundingClientRect();
      var xy = [(e.clientX - box.left) * W / box.width, (e.clientY - box.top) * H / box.height];
      var ll = projection.invert(xy);
      if (!ll) return;
      if (mode === "circle") {
        field("centre_lat").value = round(ll[1]);
        field("centre_lon").value = round(ll[0]);
        if (!field("radius_km").value) field("radius_km").value = "50";
      } else {
        var cur = field("polygon").value.trim();
        field("polygon").value = (cur ? cur + "; " : "") + round(ll[1]) + "," + round(ll[0]);
      }
      redraw();
    });
    ["radius_km", "centre_lat", "centre_lon", "polygon"].forEach(function (n) {
      field(n).addEventListener("input", redraw);
    });
    redraw();
  });
})();
