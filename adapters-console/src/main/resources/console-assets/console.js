// Attune console: the only script of its own (no inline scripts: the Content-Security-Policy forbids them).
// Rewrites every <time datetime> into the browser's time zone with a relative time ("3 min ago"), on load and after
// every htmx swap; without JavaScript the server's UTC text stays, which reads fine.
(function () {
  "use strict";
  var units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  var relative = typeof Intl !== "undefined" && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }) : null;
  var absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

  function ago(date) {
    var seconds = Math.round((date.getTime() - Date.now()) / 1000);
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1] || units[i][0] === "second") {
        return relative ? relative.format(Math.round(seconds / units[i][1]), units[i][0]) : "";
      }
    }
    return "";
  }

  function render(root) {
    var times = (root || document).querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date.getTime())) {
        continue;
      }
      el.textContent = absolute.format(date) + " (" + ago(date) + ")";
      el.title = el.getAttribute("datetime");
    }
  }

  // whether the page's live stream is connected: shown by the stylesheet, and read by the browser tests
  document.addEventListener("htmx:sseOpen", function () { document.documentElement.dataset.live = "open"; });
  document.addEventListener("htmx:sseError", function () { document.documentElement.dataset.live = "error"; });
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSwap", function () { render(document); });
  setInterval(function () { render(document); }, 30000);
})();
