'use strict';
// plotly.js's src/core.js with only what the site's charts use: the scatter trace (timeline),
// the scattergeo trace (zones map) and the components they draw with. Left out: the other
// traces, updatemenus, sliders, images, grid, error bars, the range selector (the page has its
// own keyboard range controls), colour bars, and plotly.js's injected stylesheet (pages link
// vendor/plotly/plotly.css instead; see dashboard/templates/dashboard/includes/chart_head.html).
exports.version = require('plotly.js/src/version').version;
var Registry = require('plotly.js/src/registry');
var register = (exports.register = Registry.register);

var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

register(require('plotly.js/src/traces/scatter'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/rangeslider'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/legend'), // after shapes, as in src/core.js
    require('plotly.js/src/components/fx'), // after legend
    require('plotly.js/src/components/modebar')
]);
register(require('plotly.js/src/traces/scattergeo'));

// Locales: en and en-US always; others (plotly.js-locales) register themselves through
// window.PlotlyLocales before this file runs, or with Plotly.register after it.
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
if (window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {
    register(window.PlotlyLocales);
    delete window.PlotlyLocales;
}

exports.Icons = require('plotly.js/src/fonts/ploticon');
