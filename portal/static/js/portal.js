// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var SIZES = ["article--text-sm", "", "article--text-lg", "article--text-xl"];
  var KEY = "dancu.textSize";

  function applySize(article, index) {
    SIZES.forEach(function (cls) { if (cls) article.classList.remove(cls); });
    if (SIZES[index]) article.classList.add(SIZES[index]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector(".article");
    if (!article) return;
    var stored = parseInt(window.localStorage && localStorage.getItem(KEY), 10);
    var current = isNaN(stored) ? 1 : Math.min(Math.max(stored, 0), SIZES.length - 1);
    applySize(article, current);
    article.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-text-size"), 10);
        current = step === 0 ? 1 : Math.min(Math.max(current + step, 0), SIZES.length - 1);
        applySize(article, current);
        try { localStorage.setItem(KEY, String(current)); } catch (e) { /* private mode */ }
      });
    });
    article.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
