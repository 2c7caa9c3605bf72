// "Đổi mã khác" without reloading the page: ask simple-captcha for a new code.
// Without JavaScript the button stays hidden: a wrong code brings the form back, nothing lost,
// with a new code.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-captcha]").forEach(function (box) {
      var button = box.querySelector("[data-captcha-refresh]");
      if (!button || !window.fetch) return;
      button.hidden = false;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        button.disabled = true;
        fetch(box.getAttribute("data-refresh-url"), {
          headers: { "X-Requested-With": "XMLHttpRequest" },
          credentials: "same-origin"
        })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (data) {
            box.querySelector("[data-captcha-image]").src = data.image_url;
            box.querySelector("input[type=hidden]").value = data.key;
            var audio = box.querySelector("[data-captcha-audio]");
            if (audio && data.audio_url) audio.href = data.audio_url;
            var answer = box.querySelector("input[type=text]");
            answer.value = "";
            answer.focus();
          })
          .catch(function () { /* keep the current code */ })
          .finally(function () { button.disabled = false; });
      });
    });
  });
})();
