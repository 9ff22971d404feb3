// dagang: the charts of the partner ranking, reach and delegation
// what-if pages. No inline scripts (the Content-Security-Policy forbids
// them): elements carry data-mission-chart and data-values set by the server.
(function () {
  "use strict";

  function read(el) {
    try {
      return JSON.parse(el.getAttribute("data-values"));
    } catch (err) {
      return null;
    }
  }

  // choropleth colours each province by its complementarity score.
  function choropleth(el, d, chart) {
    fetch("/geo/provinces.geojson", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("geojson " + r.status); }
      return r.json();
    }).then(function (geo) {
      window.echarts.registerMap("indonesia-score", geo);
      var data = (d.areas || []).map(function (a) {
        return { name: a.code, value: a.value, label: a.name, text: a.text };
      });
      data.push({ name: d.home, value: null, label: d.home_name, text: d.labels.home, itemStyle: { areaColor: "#c77d14" } });
      chart.setOption({
        animation: false,
        tooltip: {
          renderMode: "richText",
          formatter: function (p) {
            if (!p.data) { return p.name; }
            var v = p.data.value === null ? "" : " (" + d.labels.score + " " + Number(p.data.value).toFixed(3) + ")";
            return p.data.label + v + (p.data.text ? "\n" + p.data.text : "");
          }
        },
        visualMap: { min: 0, max: d.max > 0 ? d.max : 1, calculable: false, left: "left", bottom: 10, text: [d.labels.score, ""], inRange: { color: ["#eef5f1", "#0b6e4f"] } },
        series: [{
          type: "map", map: "indonesia-score", nameProperty: "code", roam: false,
          itemStyle: { borderColor: "#ffffff", borderWidth: 0.5 },
          emphasis: { label: { show: false } },
          select: { disabled: true },
          data: data
        }]
      });
    }).catch(function () {
      el.classList.add("chart-failed");
    });
  }

  // lines plots series over years (the what-if and reach charts).
  function lines(el, d, chart) {
    chart.setOption({
      animation: false,
      color: ["#0b6e4f", "#c77d14", "#3867a8"],
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: d.years },
      yAxis: { type: "value", minInterval: 1, name: d.unit || "" },
      series: (d.series || []).map(function (s) {
        return { type: "line", name: s.name, data: s.values, label: { show: true } };
      })
    });
  }

  function draw() {
    if (!window.echarts) { return; }
    var els = document.querySelectorAll("[data-mission-chart]");
    Array.prototype.forEach.call(els, function (el) {
      var d = read(el);
      if (!d) { return; }
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var kind = el.getAttribute("data-mission-chart");
      if (kind === "choropleth") { choropleth(el, d, chart); }
      if (kind === "lines") { lines(el, d, chart); }
      window.addEventListener("resize", function () { if (el.offsetWidth && el.offsetHeight) { chart.resize(); } });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
