/* OGP Tracker: names for the Django admin's select2 pickers (autocomplete_fields).
   select2 (vendored by Django) draws a combobox named only by the current choice (nameless when
   empty), a search box without a label inside a list, and a "clear" cross as a bare child of that
   list. Each select2 widget gets its field's name: the select's aria-label (tabular inlines) or
   its <label>. select2 redraws on every change and inline rows are added later, so the names are
   set again after every change to the page. */
(function () {
  "use strict";

  function fieldName(select) {
    var name = select.getAttribute("aria-label");
    if (!name && select.id) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      name = label ? label.textContent : "";
    }
    return (name || select.name || "").trim().replace(/:$/, "");
  }

  function name(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) {
      return;
    }
    var label = fieldName(select);
    container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (el) {
      if (el.getAttribute("aria-label") !== label) {
        el.setAttribute("aria-label", label);
      }
    });
    container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      if (list.getAttribute("role") !== "list") {
        list.setAttribute("role", "list");
      }
    });
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  function start() {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
