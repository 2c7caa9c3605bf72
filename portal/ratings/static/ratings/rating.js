// Rate an article without reloading the page (the request itself: js/forms.js).
(function () {
  "use strict";

  function show(status, text, isError) {
    status.textContent = "";
    var p = document.createElement("p");
    p.className = isError ? "form-error" : "notice";
    p.textContent = text;
    status.appendChild(p);
  }

  function enhance(form) {
    var status = form.querySelector("[data-rating-status]");
    var count = form.querySelector("[data-rating-count]");
    var average = form.querySelector("[data-rating-average]");
    window.dancu.enhanceForm(form, "Không gửi được đánh giá. Vui lòng thử lại.", function (data) {
      if (data.ok) {
        count.textContent = data.count_display;
        average.textContent = data.average_display;
        show(status, data.message, false);
      } else {
        show(status, data.error, true);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.dancu) return;
    document.querySelectorAll("[data-rating-form]").forEach(enhance);
  });
})();
