// Merging selection polygons (box and lasso selection, which the site's charts switch off).
module.exports = {};
