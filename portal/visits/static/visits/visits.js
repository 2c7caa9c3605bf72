// Count this page view with a tiny POST that no cache keeps (the <noscript> pixel does it
// without JavaScript). Runs once per page load, also when the page itself came from a cache.
(function () {
  "use strict";
  var marker = document.querySelector("[data-visit-beacon]");
  if (!marker) return;
  var url = marker.getAttribute("data-visit-beacon");
  var sent = false;
  try {
    sent = !!(navigator.sendBeacon && navigator.sendBeacon(url));
  } catch (e) { sent = false; }
  if (!sent) {
    var pixel = new Image(1, 1);
    pixel.src = url + (url.indexOf("?") < 0 ? "?" : "&") + "t=" + Date.now();
  }
})();
