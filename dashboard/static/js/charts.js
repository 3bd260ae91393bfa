/* Renders every figure embedded with json_script: <div data-chart="ID"> reads
   <script id="ID" type="application/json">{"figure": {...}, "steps": [...]}</script>.
   Points whose customdata starts with a site path ("/rounds/8/") open that page when selected.
   A map payload with "steps" is driven by the range input in [data-slider-for=<div id>].
   A figure with layout.meta.compact switches to its narrow variant while the chart is narrower
   than compact.maxWidth (on load and on resize), and back; data-compact tells which is shown.
   A date chart with layout.meta.range is driven by the buttons and month sliders in
   [data-range-for=<div id>] (plotly.js's own range selector cannot be reached by keyboard).
   A chart's [data-chart-block] wrapper stays hidden without JavaScript (a <noscript> note
   points to the tables instead).
   The page's language comes from <script id="chart-locale" type="application/json"> (see
   dashboard/templatetags/chart_locale.py): plotly.js's locale (its own file, loaded before this
   one), the mode bar's words and the month names.
   A figure with layout.meta.detail.period drawn counts per period, not points: when the reader
   zooms, the points of the period shown are fetched from meta.detail.url (?from=&to=, a JSON
   {mode, figure}) and replace the data; choosing a count zooms to its period (customdata[4..5]).
   data-points tells what is drawn: "aggregate" or "detail". */
(function () {
  "use strict";

  // Only what works offline: no Plotly logo link, no "Share chart" or Chart Studio upload.
  var CONFIG = {
    responsive: true,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    plotlyServerURL: "",
    scrollZoom: false,
    // Never fetched (base maps are off), but if they were, they would come from this site.
    topojsonURL: "/static/vendor/plotly/topojson/",
    modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d", "sendChartToCloud", "editInChartStudio"]
  };

  var LOCALE = (function () {
    var source = document.getElementById("chart-locale");
    return source ? JSON.parse(source.textContent) : null;
  })();
  var SHORT_MONTHS = LOCALE ? LOCALE.shortMonths : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var RTL = document.documentElement.getAttribute("dir") === "rtl";
  if (LOCALE && LOCALE.locale !== "en") {
    var own = { dictionary: LOCALE.dictionary };
    // plotly.js's Arabic file names May as March and gives numbers as short month names: use
    // the pages' own month names instead.
    if (LOCALE.locale === "ar") { own.format = { months: LOCALE.months, shortMonths: LOCALE.shortMonths }; }
    CONFIG.locale = LOCALE.locale;
    CONFIG.locales = {};
    CONFIG.locales[LOCALE.locale] = own;
  }

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

    function apply(index, remember) {
      var step = payload.steps[index];
      if (!step) { return; }
      var customdata = traces.map(function (t, k) {
        return gd.data[t].customdata.map(function (c) { return [c[0], step.labels[k]]; });
      });
      Plotly.restyle(gd, { fillcolor: step.colours, customdata: customdata }, traces);
      gd.setAttribute("data-step", String(index));
      gd.setAttribute("data-date", step.date);
      if (output) { output.textContent = step.label; }
      if (dateInput) { dateInput.value = step.date; }
      if (remember) {
        // The URL says which date is shown, so it can be shared or reloaded.
        var query = new URLSearchParams(window.location.search);
        query.set("date", step.date);
        window.history.replaceState(null, "", window.location.pathname + "?" + query.toString());
      }
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

    range.addEventListener("input", function () { apply(Number(range.value), true); });
    if (dateInput) {
      dateInput.addEventListener("change", function () {
        if (!dateInput.value) { return; }
        var index = stepFor(payload.steps, dateInput.value);
        range.value = String(index);
        apply(index, true);
      });
    }
    gd.setAttribute("data-step", range.value);
  }

  function monthIndex(start, iso) {
    var a = start.split("-"), b = String(iso).slice(0, 10).split("-");
    return (Number(b[0]) - Number(a[0])) * 12 + (Number(b[1]) - Number(a[1]));
  }

  function monthDate(start, index) {
    var a = start.split("-");
    var months = Number(a[0]) * 12 + Number(a[1]) - 1 + index;
    var month = String(months % 12 + 1);
    return Math.floor(months / 12) + "-" + (month.length < 2 ? "0" : "") + month + "-01";
  }

  function monthLabel(iso) {
    var parts = iso.split("-");
    return SHORT_MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function wireRange(gd, zoomed) {
    var meta = (gd.layout.meta || {}).range;
    var box = document.querySelector('[data-range-for="' + gd.id + '"]');
    if (!meta || !box) { return; }
    var last = monthIndex(meta.start, meta.end);
    var from = box.querySelector('[data-range-edge="start"]');
    var to = box.querySelector('[data-range-edge="end"]');
    var buttons = box.querySelectorAll("button[data-range-years]");
    var edges = [[from, "start"], [to, "end"]];
    edges.forEach(function (pair) { pair[0].min = "0"; pair[0].max = String(last); });

    function clamp(index) { return Math.max(0, Math.min(last, index)); }

    function press(button) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
    }

    // Puts the sliders where the chart's x range is (after a drag, zoom, preset or load).
    function sync() {
      var range = gd._fullLayout.xaxis.range;
      from.value = String(clamp(monthIndex(meta.start, range[0])));
      to.value = String(clamp(monthIndex(meta.start, range[1])));
      edges.forEach(function (pair) {
        var label = monthLabel(monthDate(meta.start, Number(pair[0].value)));
        var output = box.querySelector('[data-range-output="' + pair[1] + '"]');
        pair[0].setAttribute("aria-valuetext", label);
        if (output) { output.textContent = label; }
      });
      gd.setAttribute("data-range", range.map(function (x) { return String(x).slice(0, 10); }).join("/"));
    }

    function show(a, b) {
      return Plotly.relayout(gd, { "xaxis.range": [monthDate(meta.start, a), monthDate(meta.start, b)] });
    }

    from.addEventListener("input", function () {
      var a = Math.min(Number(from.value), Number(to.value) - 1);
      from.value = String(a);
      press(null);
      show(a, Number(to.value));
    });
    to.addEventListener("input", function () {
      var b = Math.max(Number(to.value), Number(from.value) + 1);
      to.value = String(b);
      press(null);
      show(Number(from.value), b);
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var years = button.getAttribute("data-range-years");
        chosen = button;
        if (!years) {
          Plotly.relayout(gd, { "xaxis.autorange": true });
        } else {
          show(clamp(last - 12 * Number(years)), last);
        }
      });
    });
    // A preset stays pressed until the range changes any other way (slider, drag, zoom).
    var chosen = null;
    gd.on("plotly_relayout", function (update) {
      var moved = Object.keys(update || {}).some(function (k) { return k.indexOf("xaxis.") === 0; });
      if (moved) { press(chosen); }
      chosen = null;
      sync();
    });
    if (zoomed) { press(null); }  // drawn on a chosen year: no preset shows it
    box.hidden = false;
    sync();
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

  // Loads the points (or finer counts) of the period shown when the figure drew counts.
  function wireDetail(gd) {
    var detail = (gd.layout.meta || {}).detail;
    if (!detail || !detail.url) { return; }
    gd.setAttribute("data-points", detail.period ? "aggregate" : "detail");
    if (!detail.period) { return; }  // every point is drawn already
    var overview = gd.data;
    var pending = null;
    var controller = null;
    var shown = "";

    function day(x) { return String(x).slice(0, 10); }

    function load(range) {
      var key = range ? range.map(day).join("/") : "";
      if (key === shown) { return; }
      shown = key;
      if (controller) { controller.abort(); }
      if (!range) {
        gd.setAttribute("data-points", "aggregate");
        Plotly.react(gd, overview, gd.layout);
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = detail.url + (detail.url.indexOf("?") < 0 ? "?" : "&") +
        "from=" + encodeURIComponent(day(range[0])) + "&to=" + encodeURIComponent(day(range[1]));
      gd.setAttribute("data-loading", "true");
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) {
          if (!response.ok) { throw new Error("timeline " + response.status); }
          return response.json();
        })
        .then(function (payload) {
          gd.setAttribute("data-points", payload.mode);
          return Plotly.react(gd, payload.figure.data, gd.layout);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") { return; }
          shown = "";  // try again on the next zoom
          if (window.console) { console.warn("Could not load the timeline's detail:", error.message); }
        })
        .then(function () { gd.removeAttribute("data-loading"); });
    }

    gd.on("plotly_relayout", function (update) {
      update = update || {};
      var keys = Object.keys(update);
      if (!keys.some(function (k) { return k.indexOf("xaxis.") === 0; })) { return; }
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(function () {
        pending = null;
        var full = gd._fullLayout.xaxis;
        load(update["xaxis.autorange"] || full.autorange ? null : full.range);
      }, 250);
    });
    gd.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var data = point && point.customdata;
      if (Array.isArray(data) && data[0] === "" && data[4] && data[5]) {
        Plotly.relayout(gd, { "xaxis.range": [data[4], data[5]] });
      }
    });
  }

  function render(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || !window.Plotly) { return; }
    var payload = JSON.parse(source.textContent);
    var figure = payload.figure;
    var zoomed = Boolean((figure.layout.xaxis || {}).range);
    if (RTL && figure.layout.hoverlabel) {
      // Right-to-left text reads from the right edge of its hover box.
      figure.layout.hoverlabel.align = "right";
    }
    var block = el.closest("[data-chart-block]");
    if (block) { block.hidden = false; }
    Plotly.newPlot(el, figure.data, figure.layout, CONFIG).then(function (gd) {
      gd.on("plotly_click", function (event) {
        var url = pointUrl(event && event.points && event.points[0]);
        if (url) { window.location.assign(url); }
      });
      if (payload.steps) { wireSlider(gd, payload); }
      wireRange(gd, zoomed);
      wireDetail(gd);
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
