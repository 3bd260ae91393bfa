// The zones map uses d3-geo's own mercator projection: d3-geo-projection's extra projections are left out.
module.exports = {};
