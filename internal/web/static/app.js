// dagang: the little script the pages need. No inline scripts (the
// Content-Security-Policy forbids them): behaviour hangs on classes and
// data attributes set by the server.
(function () {
  "use strict";

  var accent = "#0b6e4f", palette = ["#0b6e4f", "#c77d14", "#3867a8", "#8a3b8f", "#5b6573", "#2a9d8f"];

  // Selects with class "autosubmit" submit their form when changed.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.classList && t.classList.contains("autosubmit") && t.form) {
      t.form.submit();
    }
  });

  function read(el) {
    try {
      return JSON.parse(el.getAttribute("data-values"));
    } catch (err) {
      return null;
    }
  }

  // tooltip draws inside the canvas (richText), so no inline styles are
  // needed; texts come formatted from the server in the page's language.
  // A label shortened on the axis ("Jatim 2016") shows its full name; labels
  // are distinct.
  function tooltipOf(d) {
    return {
      renderMode: "richText",
      formatter: function (p) {
        // By name: the pie leaves out empty slices, which shifts dataIndex.
        var i = d.labels.indexOf(p.name), name;
        if (i < 0) { i = p.dataIndex; }
        name = (d.names && d.names[i]) || d.labels[i] || p.name;
        return name + ": " + (d.texts[i] || p.value);
      }
    };
  }

  function pie(el, d) {
    return {
      color: palette,
      tooltip: tooltipOf(d),
      legend: { bottom: 0, formatter: function (name) { var i = d.labels.indexOf(name); return name + " " + d.texts[i]; } },
      series: [{
        type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"],
        label: { show: false },
        data: d.labels.map(function (l, i) { return { name: l, value: d.values[i] }; }).filter(function (x) { return x.value > 0; })
      }]
    };
  }

  function bar(el, d, horizontal) {
    var cat = { type: "category", data: d.labels, axisLabel: { width: horizontal ? 110 : 90, overflow: "truncate", interval: 0 } };
    var val = { type: "value", axisLabel: { show: false }, splitLine: { show: false } };
    return {
      color: [accent],
      tooltip: tooltipOf(d),
      grid: { left: horizontal ? 120 : 20, right: 20, top: 20, bottom: horizontal ? 20 : 60, containLabel: !horizontal },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: [{
        type: "bar", data: d.values,
        label: { show: true, position: horizontal ? "right" : "top", formatter: function (p) { return d.texts[p.dataIndex]; } }
      }]
    };
  }

  function map(el, d, chart) {
    fetch("/geo/provinces.geojson", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("geojson " + r.status); }
      return r.json();
    }).then(function (geo) {
      var names = {};
      geo.features.forEach(function (f) { names[f.properties.code] = f.properties.name; });
      window.echarts.registerMap("indonesia", geo);
      var data = (d.map || []).map(function (a) {
        return { name: a.code, value: a.value, label: a.name + " (" + a.stage + ")", text: a.text, itemStyle: { areaColor: a.value > 0 ? accent : "#7fbfa9" } };
      });
      if (d.home) {
        data.push({ name: d.home, value: 0, label: d.home_name, text: "", itemStyle: { areaColor: "#c77d14" } });
      }
      chart.setOption({
        tooltip: {
          renderMode: "richText",
          formatter: function (p) {
            if (p.data && p.data.label) { return p.data.label + (p.data.text ? ": " + p.data.text : ""); }
            return names[p.name] || p.name;
          }
        },
        series: [{
          type: "map", map: "indonesia", nameProperty: "code", roam: false,
          itemStyle: { areaColor: "#e5e8ec", borderColor: "#ffffff", borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#f0d9a0" } },
          select: { disabled: true },
          data: data
        }]
      });
    }).catch(function () {
      el.classList.add("chart-failed");
    });
    return null;
  }

  function draw() {
    if (!window.echarts) { return; }
    var els = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(els, function (el) {
      var d = read(el);
      if (!d) { return; }
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var kind = el.getAttribute("data-chart"), opt = null;
      if (kind === "pie") { opt = pie(el, d); }
      if (kind === "bar") { opt = bar(el, d, false); }
      if (kind === "hbar") { opt = bar(el, d, true); }
      if (kind === "map") { opt = map(el, d, chart); }
      if (opt) {
        opt.animation = false;
        chart.setOption(opt);
      }
      window.addEventListener("resize", function () { if (el.offsetWidth && el.offsetHeight) { chart.resize(); } });
    });
  }

  // Tables become cards on a phone (app.css, table.cards): every cell is
  // labelled with its column's name. Tables that scroll instead (inside
  // .scroll, or table.grid) and tables without a header keep their columns.
  function cards(root) {
    Array.prototype.forEach.call(root.querySelectorAll("table"), function (table) {
      var head = table.tHead;
      if (!head || !head.rows.length || table.classList.contains("grid") || table.closest(".scroll")) { return; }
      var names = [];
      Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (th) {
        for (var i = 0; i < (th.colSpan || 1); i++) { names.push(th.textContent.trim()); }
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (tr) {
          var col = 0;
          Array.prototype.forEach.call(tr.cells, function (cell) {
            if (!cell.hasAttribute("data-label") && names[col] && (cell.colSpan || 1) === 1) {
              cell.setAttribute("data-label", names[col]);
            }
            col += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("cards");
    });
  }

  // On a phone the menu folds behind a button naming the current section.
  function menu() {
    var nav = document.querySelector("nav.main"), button = nav && nav.querySelector(".menu-toggle");
    if (!button) { return; }
    var fold = function (folded) {
      nav.classList.toggle("folded", folded);
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    };
    fold(true);
    button.addEventListener("click", function () { fold(!nav.classList.contains("folded")); });
  }

  // A link to a part folded in <details> (a province of the partner
  // ranking, a source of evidence) opens it.
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1)), t = id && document.getElementById(id);
    var d = t && (t.closest("details") || t.querySelector(":scope > details"));
    if (d && !d.open) {
      d.open = true;
      t.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", unfold);

  // This script is deferred: ECharts, deferred after it, runs before
  // DOMContentLoaded.
  document.addEventListener("DOMContentLoaded", function () {
    menu();
    unfold();
    cards(document);
    draw();
  });
  // Rows that htmx swaps in (a search as you type) are labelled too.
  document.addEventListener("htmx:afterSettle", function (e) { cards(e.target); });
})();
