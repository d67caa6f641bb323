// Live counts of a crisis when JavaScript runs: the counts over time as a uPlot chart and
// the table, refreshed by Server-Sent Events (the statistics dashboard's mechanism: one
// event per response, EventSource reconnects with Last-Event-ID). Without JavaScript the
// server-rendered table and its refresh link stay as they are.
(function () {
  "use strict";
  if (!navigator.geolocation) return;
  Array.prototype.forEach.call(document.querySelectorAll("button[data-geolocate]"), function (b) {
    var field = document.getElementById(b.dataset.geolocate);
    var status = document.getElementById(b.id.replace("geo-", "geo-status-"));
    if (!field) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      if (status) status.textContent = b.dataset.busy || "";
      b.disabled = true;
      navigator.geolocation.getCurrentPosition(function (pos) {
        field.value = pos.coords.latitude.toFixed(5) + "," + pos.coords.longitude.toFixed(5);
        field.removeAttribute("aria-invalid");
        if (status) status.textContent = "";
        b.disabled = false;
      }, function () {
        if (status) status.textContent = b.dataset.failed || "";
        b.disabled = false;
        field.focus();
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  });
})();

(function () {
  "use strict";
  var root = document.getElementById("safety-counts");
  if (!root || !window.EventSource) return;
  var labels = (root.dataset.labels || "").split("|");
  var colors = ["#2ca25f", "#de2d26", "#756bb1", "#fd8d3c"];
  var keys = ["safe", "needs_help", "no_answer", "unreachable"];
  var plot = null;

  function cell(text) {
    var td = document.createElement("td");
    td.textContent = String(text);
    return td;
  }

  function drawTable(v) {
    var body = document.getElementById("safety-counts-body");
    if (!body) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    v.areas.forEach(function (a) {
      var tr = document.createElement("tr");
      [a.mission_code, a.subdivision || "-", a.safe, a.needs_help, a.no_answer, a.unreachable,
       a.left_area].forEach(function (x) { tr.appendChild(cell(x)); });
      body.appendChild(tr);
    });
    keys.concat(["left_area"]).forEach(function (k) {
      var td = root.querySelector('[data-count="' + k + '"]');
      if (td) td.textContent = String(v.total[k]);
    });
  }

  function drawChart(v) {
    if (typeof uPlot === "undefined") return;
    var el = document.getElementById("safety-chart");
    var data = [v.samples.map(function (s) { return s.at; })];
    keys.forEach(function (k) { data.push(v.samples.map(function (s) { return s[k]; })); });
    if (plot) { plot.setData(data); return; }
    var series = [{}];
    keys.forEach(function (k, i) {
      series.push({ label: labels[i] || k, stroke: colors[i], width: 2 });
    });
    plot = new uPlot({ width: Math.max(280, el.clientWidth || 600), height: 220, series: series,
                       axes: [{}, {}] }, data, el);
  }

  var es = new EventSource(root.dataset.stream);
  es.addEventListener("counts", function (e) {
    var v = JSON.parse(e.data);
    drawTable(v);
    drawChart(v);
    root.setAttribute("data-updated", String(Date.now()));
  });
})();

// "Use my location" on the safety answer pages (one-tap link, /krisis-saya, family link): a
// progressive enhancement of the typed "lat,lon" field. The button is hidden in the HTML and
// shown only where the browser can locate; it fills the field, the person still sends.
