// dagang: the charts of the deal report (/laporan) and the upload with
// progress of the import page (/laporan/impor). No inline scripts (the
// Content-Security-Policy forbids them): elements carry data-laporan-chart,
// data-values and data-labels set by the server.
(function () {
  "use strict";

  function json(el, attr) {
    try {
      return JSON.parse(el.getAttribute(attr));
    } catch (err) {
      return null;
    }
  }

  // rp writes rupiah the Indonesian way, shortened: Rp119 miliar.
  function rp(v) {
    var units = [[1e12, " triliun"], [1e9, " miliar"], [1e6, " juta"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(v) >= units[i][0]) {
        return "Rp" + (v / units[i][0]).toLocaleString("id-ID", { maximumFractionDigits: 1 }) + units[i][1];
      }
    }
    return "Rp" + Number(v).toLocaleString("id-ID");
  }

  var colours = ["#607d8b", "#2196f3", "#4caf50"];

  function bars(el, rows, l, chart) {
    rows = rows || [];
    var names = rows.map(function (r) { return r.label; }).reverse();
    function series(key, name, c) {
      return { type: "bar", name: name, itemStyle: { color: c }, data: rows.map(function (r) { return r[key]; }).reverse() };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: rp },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { formatter: rp } },
      yAxis: { type: "category", data: names, axisLabel: { width: 260, overflow: "truncate" } },
      series: [series("announced_idr", l.announced, colours[0]), series("confirmed_idr", l.confirmed, colours[1]), series("realised_idr", l.realised, colours[2])]
    });
  }

  function balance(el, rows, l, chart) {
    rows = rows || [];
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: rp },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: rows.map(function (r) { return r.label; }) },
      yAxis: { type: "value", axisLabel: { formatter: rp } },
      series: [
        { type: "bar", name: l.out, itemStyle: { color: "#c77d14" }, data: rows.map(function (r) { return r.out_idr; }) },
        { type: "bar", name: l["in"], itemStyle: { color: "#0b6e4f" }, data: rows.map(function (r) { return r.in_idr; }) }
      ]
    });
  }

  // sankey: origins on the left, destinations on the right, so sales and
  // purchases between the same two provinces never make a cycle.
  function sankey(el, flows, l, chart) {
    flows = flows || [];
    var nodes = {}, links = [];
    flows.forEach(function (f) {
      var a = f.from_name + " (" + l.origin + ")", b = f.to_name + " (" + l.destination + ")";
      nodes[a] = true;
      nodes[b] = true;
      links.push({ source: a, target: b, value: f.announced_idr });
    });
    chart.setOption({
      animation: false,
      tooltip: { valueFormatter: rp },
      series: [{ type: "sankey", data: Object.keys(nodes).map(function (n) { return { name: n }; }), links: links, emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", curveness: 0.5 }, label: { fontSize: 11 } }]
    });
  }

  // map draws each flow as a line between province centroids.
  function map(el, flows, l, chart) {
    flows = flows || [];
    fetch("/geo/provinces.geojson", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("geojson " + r.status); }
      return r.json();
    }).then(function (geo) {
      window.echarts.registerMap("indonesia-flows", geo);
      var max = 1;
      flows.forEach(function (f) { max = Math.max(max, f.announced_idr); });
      chart.setOption({
        animation: false,
        tooltip: { formatter: function (p) { return p.data && p.data.text ? p.data.text : p.name; } },
        geo: { map: "indonesia-flows", roam: false, itemStyle: { areaColor: "#eef2f5", borderColor: "#ffffff" }, emphasis: { disabled: true } },
        series: [{
          type: "lines", coordinateSystem: "geo", symbol: ["none", "arrow"], symbolSize: 8,
          data: flows.map(function (f) {
            return {
              coords: [[f.from_lon, f.from_lat], [f.to_lon, f.to_lat]],
              text: f.from_name + " → " + f.to_name + ": " + rp(f.announced_idr),
              lineStyle: { width: 1 + 6 * f.announced_idr / max, color: f.direction === "buy" ? "#0b6e4f" : "#c77d14", curveness: 0.2 }
            };
          })
        }]
      });
    }).catch(function () { el.hidden = true; });
  }

  var kinds = { bars: bars, balance: balance, sankey: sankey, map: map };
  if (window.echarts) {
    document.querySelectorAll("[data-laporan-chart]").forEach(function (el) {
      var draw = kinds[el.getAttribute("data-laporan-chart")];
      if (!draw) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      draw(el, json(el, "data-values"), json(el, "data-labels") || {}, chart);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // The import form sends the file as the request body, then polls the
  // job for its progress until it is done or failed.
  var form = document.querySelector("[data-import-form]");
  if (!form) { return; }
  var bar = document.getElementById("import-progress");
  var msg = document.getElementById("import-message");
  var list = document.getElementById("import-problems");
  function show(job) {
    var p = job.progress || {};
    bar.hidden = false;
    if (p.total > 0) {
      bar.value = Math.round(100 * p.done / p.total);
      bar.removeAttribute("indeterminate");
    } else {
      bar.removeAttribute("value");
    }
    list.textContent = "";
    if (job.status === "done") {
      bar.value = 100;
      msg.textContent = job.rows + " baris diimpor / rows imported.";
      return true;
    }
    if (job.status === "failed") {
      msg.textContent = job.error ? job.error.message : "Impor gagal / import failed.";
      ((job.error && job.error.fields) || []).forEach(function (f) {
        var li = document.createElement("li");
        li.textContent = f.field + ": " + f.message;
        list.appendChild(li);
      });
      return true;
    }
    msg.textContent = (p.phase === "simpan" ? "Menyimpan / storing " : "Memeriksa / checking ") + (p.done || 0) + (p.total > 0 ? " / " + p.total : "") + "…";
    return false;
  }
  function poll(id) {
    fetch("/api/v1/imports/" + id, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (job) {
      if (!show(job)) { setTimeout(function () { poll(id); }, 500); }
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var file = document.getElementById("import-file").files[0];
    if (!file) { return; }
    var kind = document.getElementById("import-kind").value;
    msg.textContent = "Mengunggah / uploading…";
    var opts = (document.getElementById("import-update").checked ? "&update=true" : "") + (document.getElementById("import-force").checked ? "&force=true" : "");
    fetch("/api/v1/imports?kind=" + encodeURIComponent(kind) + "&name=" + encodeURIComponent(file.name) + opts, {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/octet-stream" }, body: file
    }).then(function (r) { return r.json(); }).then(function (job) {
      if (job.id) { show(job); poll(job.id); } else { show({ status: "failed", error: job.error || job }); }
    });
  });
})();
