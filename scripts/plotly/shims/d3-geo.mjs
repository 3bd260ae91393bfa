// The parts of d3-geo plotly.js's geo subplot calls for the zones map: paths, bounds and
// distances, and the mercator projection (plus equirectangular, plotly.js's default).
export { geoBounds, geoDistance, geoEquirectangular, geoMercator, geoPath } from 'd3-geo';
