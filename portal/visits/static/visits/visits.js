// Count this page view with a tiny POST that no cache keeps (the <noscript> pixel does it
// without JavaScript). Runs once per page load, also when the page itself came from a cache.
// It waits for the per-visitor request (js/visitor.js) that gives a first-time visitor their
// cookie, so both count the same visitor; it goes anyway after a few seconds.
(function () {
  "use strict";

  var sent = false;

  function send() {
    var marker = document.querySelector("[data-visit-beacon]");
    if (sent || !marker) return;
    sent = true;
    var url = marker.getAttribute("data-visit-beacon");
    var queued = false;
    try {
      queued = !!(navigator.sendBeacon && navigator.sendBeacon(url));
    } catch (e) { queued = false; }
    if (!queued) {
      var pixel = new Image(1, 1);
      pixel.src = url + (url.indexOf("?") < 0 ? "?" : "&") + "t=" + Date.now();
    }
  }

  function fill(selector, text) {
    document.querySelectorAll(selector).forEach(function (node) { node.textContent = text; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.dancu || !window.dancu.onVisitorState) { send(); return; }
    window.setTimeout(send, 3000);
    window.dancu.onVisitorState(function (state) {
      send();
      // The figures a shared page was cached with, brought up to date.
      var visits = state.visits;
      if (!visits) return;
      fill("[data-visit-total]", visits.total_display);
      fill("[data-visit-online]", visits.online_display);
      if (visits.views_display) fill("[data-article-views]", visits.views_display);
    });
  });
})();
