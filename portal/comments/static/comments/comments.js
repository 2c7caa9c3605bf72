// The verification code. A shared (cached) page carries none — each code is valid once — so a
// fresh one is fetched when the visitor starts on the comment form ("Đổi mã khác" fetches
// another). Without JavaScript a code comes with the page answering the first submit.
(function () {
  "use strict";

  function load(box, button, focusAnswer) {
    if (button) button.disabled = true;
    return fetch(box.getAttribute("data-refresh-url"), {
      headers: { "X-Requested-With": "XMLHttpRequest" },
      credentials: "same-origin",
      cache: "no-store"
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        var image = box.querySelector("[data-captcha-image]");
        image.src = data.image_url;
        image.hidden = false;
        box.querySelector("input[type=hidden]").value = data.key;
        var audio = box.querySelector("[data-captcha-audio]");
        if (audio) {
          if (data.audio_url) { audio.href = data.audio_url; audio.hidden = false; }
        }
        var answer = box.querySelector("input[type=text]");
        answer.value = "";
        if (focusAnswer) answer.focus();
        box.setAttribute("data-captcha-ready", "");
      })
      .catch(function () { /* keep the current code; the server answers a wrong one kindly */ })
      .finally(function () { if (button) button.disabled = false; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) return;
    document.querySelectorAll("[data-captcha]").forEach(function (box) {
      var button = box.querySelector("[data-captcha-refresh]");
      if (button) {
        button.hidden = false;
        button.addEventListener("click", function (event) {
          event.preventDefault();
          load(box, button, true);
        });
      }
      if (!box.hasAttribute("data-captcha-lazy")) return;
      var form = box.closest("form");
      var started = false;
      function start() {
        if (started) return;
        started = true;
        load(box, button, false);
      }
      form.addEventListener("focusin", start);
      form.addEventListener("submit", function (event) {
        if (!box.hasAttribute("data-captcha-ready")) { event.preventDefault(); start(); }
      });
    });
  });
})();
