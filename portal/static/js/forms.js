// Shared by the widgets that post a form without reloading the page (rating, poll): the
// request, the CSRF header and the JSON answer. Every form still works with JavaScript off.
(function () {
  "use strict";

  var OFFLINE = "Không kết nối được máy chủ. Vui lòng thử lại.";

  // Post the form; resolves with the server's JSON, or {ok: false, error} on any failure.
  function sendForm(form, failText) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
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
      if (!window.fetch || !window.FormData) return;
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
