// The statistics dashboard when JavaScript runs: the trend as a uPlot line chart, the world
// map drawn from world-atlas with topojson-client and d3-geo, and live updates by
// Server-Sent Events. Without JavaScript the server-rendered page stays as it is.
(function () {
  "use strict";
  var root = document.getElementById("stats-dashboard");
  if (!root) return;
  var state = { plot: null, view: null, paths: null, alpha2: {} };
  var palette = ["#e8ecef", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function fill(n, max) {
    if (!n || !max) return palette[0];
    var f = Math.log1p(n) / Math.log1p(max);
    return palette[1 + Math.min(4, Math.floor(f * 5))];
  }

  function drawTrend(view) {
    if (typeof uPlot === "undefined") return;
    var el = document.getElementById("stats-trend-chart");
    var xs = [], reports = [], departures = [], returns = [];
    view.trend.forEach(function (p) {
      xs.push(Date.parse(p.date + "T00:00:00Z") / 1000);
      reports.push(p.reports);
      departures.push(p.departures);
      returns.push(p.returns);
    });
    var data = [xs, reports, departures, returns];
    if (state.plot) { state.plot.setData(data); return; }
    var width = Math.max(280, el.clientWidth || 600);
    state.plot = new uPlot({
      width: width, height: 240,
      series: [{}, { label: "Lapor Diri", stroke: "#08519c", width: 2 },
               { label: "+", stroke: "#2ca25f", width: 2 },
               { label: "-", stroke: "#de2d26", width: 2 }],
      axes: [{}, {}]
    }, data, el);
    el.classList.add("drawn");
  }

  function drawMap(view) {
    var fig = document.getElementById("stats-map");
    if (!state.paths) return;
    var max = 0;
    Object.keys(view.by_country).forEach(function (k) { max = Math.max(max, view.by_country[k]); });
    state.paths.forEach(function (p) {
      var cc = p.getAttribute("data-country");
      var n = view.by_country[cc] || 0;
      p.setAttribute("fill", fill(n, max));
      var t = p.querySelector("title");
      if (t) t.textContent = (p.getAttribute("data-name") || cc) + ": " + n;
    });
    fig.classList.add("drawn");
  }

  function buildMap(view) {
    if (typeof topojson === "undefined" || typeof d3 === "undefined" || !d3.geoPath) return;
    Promise.all([fetch(root.dataset.atlas).then(function (r) { return r.json(); }),
                 fetch(root.dataset.codes).then(function (r) { return r.json(); })])
      .then(function (res) {
        var world = res[0];
        res[1].forEach(function (row) { state.alpha2[row[2]] = row[0]; });
        var countries = topojson.feature(world, world.objects.countries);
        var projection = d3.geoNaturalEarth1().fitSize([960, 480], countries);
        var path = d3.geoPath(projection);
        var ns = "http://www.w3.org/2000/svg";
        var svg = document.createElementNS(ns, "svg");
        svg.setAttribute("viewBox", "0 0 960 480");
        svg.setAttribute("class", "world-map");
        svg.setAttribute("role", "img");
        var old = document.querySelector("#stats-map svg");
        var title = old ? old.querySelector("title") : null;
        svg.setAttribute("aria-label", title ? title.textContent : "");
        state.paths = [];
        countries.features.forEach(function (f) {
          var cc = state.alpha2[f.id] || "";
          var p = document.createElementNS(ns, "path");
          p.setAttribute("d", path(f) || "");
          p.setAttribute("stroke", "#fff");
          p.setAttribute("stroke-width", "0.3");
          p.setAttribute("data-country", cc);
          p.setAttribute("data-name", (f.properties && f.properties.name) || cc);
          var t = document.createElementNS(ns, "title");
          p.appendChild(t);
          if (cc) {
            p.addEventListener("click", function () {
              if (!(state.view && state.view.by_country[cc])) return;
              var url = new URL(window.location.href);
              url.searchParams.set("country", cc);
              url.searchParams.delete("subdivision");
              url.hash = "missions";
              window.location.href = url.toString();
            });
          }
          svg.appendChild(p);
          state.paths.push(p);
        });
        if (old) old.replaceWith(svg); else document.getElementById("stats-map").prepend(svg);
        drawMap(state.view || view);
      })
      .catch(function () { /* the server's map stays */ });
  }

  function setText(id, v) {
    var el = document.getElementById(id);
    if (el) el.textContent = String(v);
  }

  function update(view, live) {
    state.view = view;
    setText("stats-total", view.total);
    setText("stats-expiring", view.passports.expiring_6_months);
    setText("stats-expired", view.passports.expired);
    drawTrend(view);
    drawMap(view);
    if (live) {
      var msg = document.getElementById("stats-live");
      msg.textContent = (root.dataset.liveText || "") + " " + new Date().toLocaleTimeString();
    }
  }

  fetch(root.dataset.api, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (view) { update(view, false); buildMap(view); })
    .catch(function () {});

  if (window.EventSource) {
    var first = true;
    var es = new EventSource(root.dataset.stream);
    es.addEventListener("stats", function (e) {
      var view = JSON.parse(e.data);
      update(view, !first);
      first = false;
      root.setAttribute("data-live", "1");
    });
  }
})();
