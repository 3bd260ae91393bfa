// See turf-area.js: centroids of "geojson-id" locations are not used by the charts.
module.exports = { centroid: function () { return { geometry: { coordinates: [NaN, NaN] } }; } };
