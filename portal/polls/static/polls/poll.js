// Vote without reloading the page (the request itself: js/forms.js).
(function () {
  "use strict";

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function resultsList(data) {
    var list = document.createElement("ul");
    list.className = "poll-results__list";
    data.options.forEach(function (option) {
      var item = document.createElement("li");
      item.className = "poll-results__item";
      var label = document.createElement("span");
      label.className = "poll-results__label";
      label.textContent = option.label;
      var figures = document.createElement("span");
      figures.className = "poll-results__figures";
      figures.textContent = option.votes_display + " phiếu (" + option.percent_display + ")";
      item.appendChild(label);
      item.appendChild(figures);
      list.appendChild(item);
    });
    return list;
  }

  function showResults(form, box, data, className, text) {
    var results = document.createElement("div");
    results.className = "poll-results";
    results.setAttribute("role", "status");
    results.appendChild(paragraph(className, text));
    results.appendChild(resultsList(data));
    var link = document.createElement("a");
    link.href = data.results_url || form.querySelector(".poll__results-link").href;
    link.textContent = "Xem kết quả";
    results.appendChild(link);
    form.replaceWith(results);
  }

  function showTotal(box, data) {
    var total = box.querySelector("[data-poll-total]");
    if (total) total.textContent = data.total_display + " người đã bình chọn";
  }

  function enhance(form) {
    var box = form.closest("[data-poll-box]") || form.parentNode;
    var status = form.querySelector("[data-poll-status]");
    window.dancu.enhanceForm(form, "Không gửi được bình chọn. Vui lòng thử lại.", function (data) {
      if (!data.options) {
        status.textContent = "";
        status.appendChild(paragraph("form-error", data.error));
        return;
      }
      showResults(form, box, data, data.ok ? "notice" : "poll__state", data.ok ? data.message : data.error);
      showTotal(box, data);
    });
    // This visitor's own vote and the live total: not in the shared page (js/visitor.js).
    window.dancu.onVisitorState(function (state) {
      var poll = state.poll;
      if (!poll || String(poll.id) !== box.getAttribute("data-poll-id")) return;
      showTotal(box, poll);
      if (poll.voted && form.isConnected) {
        showResults(form, box, poll, "poll__state", "Bạn đã bình chọn. Cảm ơn bạn!");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.dancu || !window.dancu.onVisitorState) return;
    document.querySelectorAll("[data-poll-form]").forEach(enhance);
  });
})();
