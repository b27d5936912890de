/* OGP Tracker: help while filling in a form (templates/_form.html loads this on every form page).
   No inline scripts (the CSP forbids them), no third-party code; the server checks everything again.
   - A textarea with data-max-length gets a live character counter (data-counter: "{count} of N").
   - A file input with data-max-bytes refuses, before the upload starts, a file over the limit
     (data-too-large: "{name} is larger than N"), instead of sending 60 MB to be told so. */
(function () {
  "use strict";
  // A page showing two forms loads this twice: help once.
  if (window.ogpFormHelp) { return; }
  window.ogpFormHelp = true;

  function setupCounter(area) {
    var max = parseInt(area.getAttribute("data-max-length"), 10);
    var template = area.getAttribute("data-counter") || "{count} / " + max;
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = area.id + "-counter";
    counter.setAttribute("aria-live", "polite");
    area.parentNode.insertBefore(counter, area.nextSibling);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      var count = area.value.length;
      counter.textContent = template.replace("{count}", count.toLocaleString(document.documentElement.lang || undefined));
      counter.classList.toggle("over-limit", count > max);
    }
    area.addEventListener("input", update);
    update();
  }

  function tooLarge(input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var template = input.getAttribute("data-too-large") || "{name}";
    var messages = [];
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (file.size > max) { messages.push(template.replace("{name}", file.name)); }
    });
    return messages;
  }

  function setupFileCheck(input) {
    var box = document.createElement("p");
    box.className = "file-size-error";
    box.id = input.id + "-size";
    box.setAttribute("role", "alert");
    box.hidden = true;
    input.parentNode.insertBefore(box, input.nextSibling);

    function check() {
      var messages = tooLarge(input);
      box.textContent = messages.join(" ");
      box.hidden = messages.length === 0;
      input.setAttribute("aria-invalid", messages.length ? "true" : "false");
      return messages.length === 0;
    }
    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (!check()) {
          event.preventDefault();
          input.focus();
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-max-length]"), setupCounter);
    Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-max-bytes]"), setupFileCheck);
  });
})();
