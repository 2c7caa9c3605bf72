// Rate an article without reloading the page; the form still works with JavaScript off.
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
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
      }).then(function (response) {
        return response.json().then(function (data) { return data; }, function () {
          return { ok: false, error: "Không gửi được đánh giá. Vui lòng thử lại." };
        });
      }).then(function (data) {
        if (data.ok) {
          count.textContent = data.count_display;
          average.textContent = data.average_display;
          show(status, data.message, false);
        } else {
          show(status, data.error, true);
        }
      }).catch(function () {
        show(status, "Không kết nối được máy chủ. Vui lòng thử lại.", true);
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-rating-form]").forEach(enhance);
  });
})();
