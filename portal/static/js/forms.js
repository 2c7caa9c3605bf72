// Shared by the widgets that post a form without reloading the page (rating, poll): the
// request, the CSRF header and the JSON answer. Every form still works with JavaScript off.
(function () {
  "use strict";

  var OFFLINE = "Không kết nối được máy chủ. Vui lòng thử lại.";
  var TOKEN_WAIT_MS = 10000;

  // The form's CSRF token. The cached page carries none: it comes with the visitor's state, so a
  // visitor quick enough to send before that arrived waits for it rather than being refused.
  function tokenFor(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) return Promise.resolve(input.value);
    var ready = window.dancu.visitorStateReady && window.dancu.visitorStateReady();
    // Not for ever: a state request that hangs must not leave the button disabled; the post then
    // goes without a token and the server's answer (a Vietnamese message) is shown.
    var giveUp = new Promise(function (resolve) { setTimeout(resolve, TOKEN_WAIT_MS); });
    return Promise.race([Promise.resolve(ready), giveUp]).then(function () {
      var later = form.querySelector("input[name=csrfmiddlewaretoken]");
      return later ? later.value : "";
    });
  }

  // Post the form; resolves with the server's JSON, or {ok: false, error} on any failure.
  function sendForm(form, failText) {
    return tokenFor(form).then(function (token) {
      return fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token }
      });
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, error: failText };
      });
    }, function () {
      return { ok: false, error: OFFLINE };
    });
  }

  // Send the form on submit (when the browser can), with its button disabled meanwhile.
  function enhanceForm(form, failText, onAnswer) {
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData || !window.Promise) return;
      event.preventDefault();
      if (button) button.disabled = true;
      sendForm(form, failText).then(onAnswer).catch(function () {
        // A page changed under the widget: leave it as it is, but usable.
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  window.dancu = window.dancu || {};
  window.dancu.sendForm = sendForm;
  window.dancu.enhanceForm = enhanceForm;
})();
