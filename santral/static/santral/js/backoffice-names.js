// Wagtail's own widgets that axe-core finds without an accessible name (the issue 19 sweep):
// the tag field's text input (tag-it) and the rich-text editor's text box (Draftail). Each
// gets the text of its form field's label. And the user form's "next tab" link, which claims
// role="tab" outside any tab list (axe-core: aria-required-parent), is left a plain link.
(function () {
  "use strict";
  var UNNAMED =
    ".ui-autocomplete-input:not([aria-label]):not([aria-labelledby])," +
    '[contenteditable="true"][role="textbox"]:not([aria-label]):not([aria-labelledby])';

  function text(node) {
    return node ? node.textContent.replace(/[\s*]+/g, " ").trim() : "";
  }

  // The name of the form field a widget belongs to: the label of the field's own input
  // (tag-it hides the real one), a label in the field's wrapper, or its panel's heading.
  function fieldLabel(element) {
    var field = element.closest("[data-field]") || element.closest(".w-field");
    var inputs = field ? field.querySelectorAll("[id]") : [];
    for (var i = 0; i < inputs.length; i++) {
      var label = document.querySelector('label[for="' + inputs[i].id + '"]');
      if (text(label)) {
        return text(label);
      }
    }
    var wrapper = element.closest("[data-field-wrapper]");
    if (wrapper && text(wrapper.querySelector("label, .w-field__label"))) {
      return text(wrapper.querySelector("label, .w-field__label"));
    }
    var panel = element.closest("[aria-labelledby]");
    var heading = panel && document.getElementById(panel.getAttribute("aria-labelledby"));
    return text(heading);
  }

  function nameWidgets() {
    document.querySelectorAll(UNNAMED).forEach(function (element) {
      var text = fieldLabel(element);
      if (text) {
        element.setAttribute("aria-label", text);
      }
    });
    document.querySelectorAll('a[role="tab"]').forEach(function (link) {
      if (!link.closest('[role="tablist"]')) {
        link.removeAttribute("role");
      }
    });
  }

  var pending = false;
  function soon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        nameWidgets();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", nameWidgets);
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
})();
