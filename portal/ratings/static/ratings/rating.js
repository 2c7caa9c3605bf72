// Rate an article without reloading the page (the request itself: js/forms.js); show this
// visitor's own stars and the live figures, which the shared page cannot carry (js/visitor.js).
(function () {
  "use strict";

  function show(status, text, className) {
    status.textContent = "";
    var p = document.createElement("p");
    p.className = className;
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
        show(status, data.message, "notice");
      } else {
        show(status, data.error, "form-error");
      }
    });
    window.dancu.onVisitorState(function (state) {
      var rating = state.rating;
      if (!rating) return;
      count.textContent = rating.count_display;
      average.textContent = rating.average_display;
      if (rating.mine && !status.textContent.trim()) {
        var radio = form.querySelector("input[name=stars][value='" + rating.mine + "']");
        if (radio) radio.checked = true;
        show(status, "Bạn đã đánh giá bài viết này " + rating.mine + " sao; có thể chọn lại để thay đổi.", "rating__mine");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.dancu || !window.dancu.onVisitorState) return;
    document.querySelectorAll("[data-rating-form]").forEach(enhance);
  });
})();
