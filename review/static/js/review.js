/* Keyboard shortcuts on a suggestion's page in the admin: a = save and accept, r = reject,
   n = next suggestion. They act only outside text fields; Esc leaves a field, so an analyst
   can edit a value and then accept without the mouse. */
(function () {
  "use strict";

  var form = document.getElementById("suggestion_form");
  if (!form) { return; }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  var ACTIONS = {
    a: function () { return form.querySelector('input[name="_accept"]'); },
    r: function () { return form.querySelector('input[name="_reject"]'); },
    n: function () { return document.querySelector("[data-review-next]"); }
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
      return;
    }
    if (typing(event.target)) { return; }
    var find = ACTIONS[String(event.key).toLowerCase()];
    var target = find && find();
    if (!target) { return; }
    event.preventDefault();
    target.click();
  });
})();
