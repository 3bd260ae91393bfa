/* Renders every figure embedded with json_script: <div data-chart="ID"> reads
   <script id="ID" type="application/json">{"figure": {...}, "steps": [...]}</script>.
   Points whose customdata starts with a site path ("/rounds/8/") open that page when selected.
   A map payload with "steps" is driven by the range input in [data-slider-for=<div id>].
   A figure with layout.meta.compact switches to its narrow variant while the chart is narrower
   than compact.maxWidth (on load and on resize), and back; data-compact tells which is shown. */
(function () {
  "use strict";

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    scrollZoom: false,
    // Never fetched (base maps are off), but if they were, they would come from this site.
    topojsonURL: "/static/vendor/plotly/topojson/",
    modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d"]
  };

  function pointUrl(point) {
    var data = point && point.customdata;
    var url = Array.isArray(data) ? data[0] : data;
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : null;
  }

  function stepFor(steps, isoDate) {
    var index = 0;
    for (var i = 0; i < steps.length; i++) {
      if (steps[i].date <= isoDate) { index = i; }
    }
    return index;
  }

  function wireSlider(gd, payload) {
    var box = document.querySelector('[data-slider-for="' + gd.id + '"]');
    var traces = (gd.layout.meta || {}).zoneTraces || [];
    if (!box || !traces.length) { return; }
    var range = box.querySelector('input[type="range"]');
    var output = box.querySelector("output");
    var dateInput = document.getElementById("map-date");
    box.hidden = false;

    function apply(index) {
      var step = payload.steps[index];
      if (!step) { return; }
      Plotly.restyle(gd, { fillcolor: step.colours, text: step.labels }, traces);
      gd.setAttribute("data-step", String(index));
      gd.setAttribute("data-date", step.date);
      if (output) { output.textContent = step.label; }
      if (dateInput) { dateInput.value = step.date; }
      document.querySelectorAll("[data-map-date]").forEach(function (el) {
        el.textContent = step.label;
      });
      step.labels.forEach(function (label, k) {
        var text = document.querySelector('[data-zone-status="' + k + '"]');
        var swatch = document.querySelector('[data-zone-swatch="' + k + '"]');
        if (text) { text.textContent = label; }
        if (swatch) { swatch.setAttribute("class", "swatch status-" + step.statuses[k]); }
      });
    }

    range.addEventListener("input", function () { apply(Number(range.value)); });
    if (dateInput) {
      dateInput.addEventListener("change", function () {
        if (!dateInput.value) { return; }
        var index = stepFor(payload.steps, dateInput.value);
        range.value = String(index);
        apply(index);
      });
    }
    gd.setAttribute("data-step", range.value);
  }

  // Applies the narrow or wide updates of layout.meta.compact when the width crosses maxWidth.
  function fitWidth(gd) {
    var compact = ((gd.layout || {}).meta || {}).compact;
    if (!compact) { return Promise.resolve(); }
    var narrow = gd.clientWidth < compact.maxWidth;
    var state = narrow ? "true" : "false";
    var current = gd.getAttribute("data-compact");
    gd.setAttribute("data-compact", state);
    // The figure is drawn wide: nothing to undo until it has been narrow.
    if (current === state || (current === null && !narrow)) { return Promise.resolve(); }
    var variant = narrow ? compact.narrow : compact.wide;
    var done = Plotly.relayout(gd, variant.layout);
    if (compact.traces.length) {
      done = done.then(function () { return Plotly.restyle(gd, variant.traces, compact.traces); });
    }
    return done;
  }

  function watchWidth(gd) {
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(function () { pending = null; fitWidth(gd); }, 150);
    });
  }

  function render(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || !window.Plotly) { return; }
    var payload = JSON.parse(source.textContent);
    var figure = payload.figure;
    Plotly.newPlot(el, figure.data, figure.layout, CONFIG).then(function (gd) {
      gd.on("plotly_click", function (event) {
        var url = pointUrl(event && event.points && event.points[0]);
        if (url) { window.location.assign(url); }
      });
      if (payload.steps) { wireSlider(gd, payload); }
      watchWidth(gd);
      return fitWidth(gd);
    }).then(function () {
      el.setAttribute("data-rendered", "true");
    });
  }

  function start() {
    document.querySelectorAll("[data-chart]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
