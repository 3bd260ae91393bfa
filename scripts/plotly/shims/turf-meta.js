// coordAll, the one function of @turf/meta plotly.js calls (bounding boxes of GeoJSON): every
// [lon, lat] position of a Feature, FeatureCollection, Geometry or GeometryCollection. Like
// turf's, it throws on what is not GeoJSON (plotly.js catches that and uses no positions).
var DEPTH = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function coordAll(geojson) {
    var out = [];
    (function walk(g) {
        if (!g || typeof g !== 'object') throw new Error('not GeoJSON');
        if (g.type === 'FeatureCollection') return g.features.forEach(walk);
        if (g.type === 'Feature') return g.geometry === null ? undefined : walk(g.geometry);
        if (g.type === 'GeometryCollection') return g.geometries.forEach(walk);
        if (!(g.type in DEPTH)) throw new Error('unknown geometry type ' + g.type);
        (function positions(c, depth) {
            if (depth === 0) out.push(c);
            else c.forEach(function (inner) { positions(inner, depth - 1); });
        })(g.coordinates, DEPTH[g.type]);
    })(geojson);
    return out;
}

module.exports = { coordAll: coordAll };
