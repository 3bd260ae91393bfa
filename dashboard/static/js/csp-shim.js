/* Loaded before plotly.js. Under a strict Content-Security-Policy (style-src 'self') the browser
   refuses inline style *attributes* set with setAttribute("style", ...), which plotly.js (via
   d3) uses for rich text such as <b> in hover labels. The same declarations applied through
   the CSSOM (element.style.cssText) are allowed by CSP, so route them there. */
(function () {
  "use strict";
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (typeof name === "string" && name.toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return undefined;
    }
    return setAttribute.call(this, name, value);
  };
})();
