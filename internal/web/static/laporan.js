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

  var locale = document.documentElement.lang === "en" ? "en-US" : "id-ID";
  var colours = ["#607d8b", "#2196f3", "#4caf50"];

  // valueAxis writes numbers in the chart's unit, named on the axis
  // ("Rp miliar", "IDR billion"); every rupiah text comes from the server.
  function valueAxis(d, vertical) {
    var a = { type: "value", name: d.unit, axisLabel: { formatter: function (v) { return (v / d.scale).toLocaleString(locale, { maximumFractionDigits: 1 }); } } };
    if (!vertical) {
      a.nameLocation = "middle";
      a.nameGap = 28;
    }
    return a;
  }

  // axisTooltip shows the full name of the category under the pointer and
  // each series' text, one per line, as rich text drawn in the chart (an
  // HTML tooltip would need inline styles, which the CSP forbids).
  function axisTooltip(d) {
    return {
      trigger: "axis", renderMode: "richText",
      formatter: function (ps) {
        var i = ps[0].dataIndex;
        return [d.names[i]].concat(ps.map(function (p) { return p.seriesName + ": " + d.series[p.seriesIndex].texts[i]; })).join("\n");
      }
    };
  }

  // bars: one row per event, under a short distinct label (host and
  // year), first event on top.
  function bars(el, d, chart) {
    chart.setOption({
      animation: false,
      color: colours,
      tooltip: axisTooltip(d),
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
      xAxis: valueAxis(d, false),
      yAxis: { type: "category", data: d.labels, inverse: true },
      series: d.series.map(function (s) { return { type: "bar", name: s.name, data: s.values }; })
    });
  }

  function balance(el, d, chart) {
    chart.setOption({
      animation: false,
      color: ["#c77d14", "#0b6e4f"],
      tooltip: axisTooltip(d),
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
      xAxis: { type: "category", data: d.labels },
      yAxis: valueAxis(d, true),
      series: d.series.map(function (s) { return { type: "bar", name: s.name, data: s.values }; })
    });
  }

  function edgeTooltip() {
    return {
      renderMode: "richText",
      formatter: function (p) { return p.data && p.data.text ? p.data.text : p.name; }
    };
  }

  // sankey: origins on the left, destinations on the right, so sales and
  // purchases between the same two provinces never make a cycle; links in
  // the colours of their direction, as on the map.
  function sankey(el, d, chart) {
    var nodes = {}, links = [];
    d.series.forEach(function (k) {
      k.links.forEach(function (f) {
        var a = f.from + " (" + d.origin + ")", b = f.to + " (" + d.destination + ")";
        nodes[a] = true;
        nodes[b] = true;
        links.push({ source: a, target: b, value: f.value, text: f.text, lineStyle: { color: k.colour } });
      });
    });
    chart.setOption({
      animation: false,
      tooltip: edgeTooltip(),
      series: [{ type: "sankey", data: Object.keys(nodes).map(function (n) { return { name: n }; }), links: links, emphasis: { focus: "adjacency" },
        lineStyle: { curveness: 0.5, opacity: 0.5 }, label: { fontSize: 11 } }]
    });
  }

  // map draws each flow as a line between province centroids, one series
  // (and legend entry) per direction, its width following the value.
  function map(el, d, chart) {
    fetch("/geo/provinces.geojson", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("geojson " + r.status); }
      return r.json();
    }).then(function (geo) {
      window.echarts.registerMap("indonesia-flows", geo);
      var max = 1;
      d.series.forEach(function (k) { k.links.forEach(function (f) { max = Math.max(max, f.value); }); });
      chart.setOption({
        animation: false,
        color: d.series.map(function (k) { return k.colour; }),
        tooltip: edgeTooltip(),
        legend: { bottom: 0, data: d.series.map(function (k) { return k.name; }) },
        geo: { map: "indonesia-flows", roam: false, itemStyle: { areaColor: "#eef2f5", borderColor: "#ffffff" }, emphasis: { label: { show: false }, itemStyle: { areaColor: "#dfe6ec" } }, select: { disabled: true }, top: 8, bottom: 36, left: 8, right: 8, tooltip: { show: true } },
        series: d.series.map(function (k) {
          return {
            type: "lines", name: k.name, coordinateSystem: "geo", symbol: ["none", "arrow"], symbolSize: 8,
            lineStyle: { color: k.colour, curveness: 0.2 },
            data: k.links.map(function (f) {
              return { coords: f.coords, text: f.text, lineStyle: { width: 1 + 6 * f.value / max } };
            })
          };
        })
      });
    }).catch(function () { el.hidden = true; });
  }

  var kinds = { bars: bars, balance: balance, sankey: sankey, map: map };
  if (window.echarts) {
    document.querySelectorAll("[data-laporan-chart]").forEach(function (el) {
      var draw = kinds[el.getAttribute("data-laporan-chart")];
      var d = json(el, "data-values");
      if (!draw || !d) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      draw(el, d, chart);
      window.addEventListener("resize", function () { if (el.offsetWidth && el.offsetHeight) { chart.resize(); } });
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
