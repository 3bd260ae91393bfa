// The two 4x4 matrix functions plotly.js uses (for CSS transforms), without the rest of gl-mat4.
module.exports = { invert: require('gl-mat4/invert'), multiply: require('gl-mat4/multiply') };
