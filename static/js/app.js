/* OGP Tracker: small progressive enhancements. No inline scripts, no third-party code.
   - Commitment tables: filter by text, status and flags, and sort by column, without reloading.
   - Forms with errors: move focus to the error summary so screen readers announce it. */
(function () {
  "use strict";

  // Accent- and case-blind text, as the server matches it ("informacion" finds "información").
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Least to most done; withdrawn and unclear say nothing about progress, so they sort below
  // everything (a descending sort puts complete first, not "unclear"). An empty value means no data.
  var LEVEL_ORDER = ["withdrawn", "unclear", "no_data", "no_evidence", "not_started", "limited", "substantial", "complete"];

  function levelRank(value) {
    var i = LEVEL_ORDER.indexOf(value || "no_data");
    return i < 0 ? 0 : i;
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-value");
    return v !== null ? v : cell.textContent.trim().toLowerCase();
  }

  function setupSort(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector("button");
      if (!button) { return; }
      // The arrow is decoration: aria-sort on the header tells assistive technology the order.
      var arrow = document.createElement("span");
      arrow.className = "sort-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
          var otherArrow = other.querySelector(".sort-arrow");
          if (otherArrow) { otherArrow.textContent = ""; }
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        arrow.textContent = ascending ? " ▲" : " ▼";
        var byLevel = th.getAttribute("data-sort") === "level";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var result = byLevel ? levelRank(x) - levelRank(y) : collator.compare(x, y);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setupFilters(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".filter-count");
    var template = count ? count.getAttribute("data-count-template") : "";

    function control(name) { return form.querySelector('[data-filter="' + name + '"]'); }

    function apply() {
      var text = plain(control("text").value.trim());
      var gov = control("gov") ? control("gov").value : "";
      var self = control("self").value;
      var irm = control("irm").value;
      var disagree = control("disagree").checked;
      var starred = control("starred").checked;
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!text || plain(row.textContent).indexOf(text) !== -1) &&
          (!gov || row.getAttribute("data-gov") === gov) &&
          (!self || row.getAttribute("data-self") === self) &&
          (!irm || row.getAttribute("data-irm") === irm) &&
          (!disagree || row.getAttribute("data-disagree") === "1") &&
          (!starred || row.getAttribute("data-starred") === "1");
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) {
        count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setupSort);
    Array.prototype.forEach.call(document.querySelectorAll("form.table-filters"), setupFilters);
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
})();
