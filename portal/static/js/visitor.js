// One small uncached request per page for what belongs to this visitor alone — the CSRF token
// for the page's forms, the identity cookie, their own vote, live figures — so the page itself
// can be the same bytes for everyone and come from a cache. Widgets subscribe with
// window.dancu.onVisitorState(callback). Without JavaScript every form still works.
(function () {
  "use strict";

  var URL = "/ca-nhan/";
  var listeners = [];
  var last = null;
  // Settles once the first answer (or failure) is in: a form sent before that waits for its token.
  var settle;
  var ready = window.Promise ? new Promise(function (resolve) { settle = resolve; }) : null;

  function onVisitorState(callback) {
    listeners.push(callback);
    if (last) callback(last);
  }

  function addToken(token) {
    document.querySelectorAll("form[method=post]").forEach(function (form) {
      var input = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "csrfmiddlewaretoken";
        form.insertBefore(input, form.firstChild);
      }
      input.value = token;
    });
  }

  function query() {
    var params = [];
    var article = document.querySelector("[data-article-id]");
    if (article) params.push("bai-viet=" + encodeURIComponent(article.getAttribute("data-article-id")));
    var poll = document.querySelector("[data-poll-id]");
    if (poll) params.push("binh-chon=" + encodeURIComponent(poll.getAttribute("data-poll-id")));
    return params.length ? "?" + params.join("&") : "";
  }

  function load() {
    if (!window.fetch) return;
    fetch(URL + query(), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        last = state;
        if (state.csrf_token) addToken(state.csrf_token);
        listeners.forEach(function (callback) {
          try { callback(state); } catch (e) { /* one widget must not stop the others */ }
        });
      })
      .catch(function () { /* the page keeps the figures it was served with */ })
      .then(function () { if (settle) settle(last); });
  }

  window.dancu = window.dancu || {};
  window.dancu.onVisitorState = onVisitorState;
  window.dancu.reloadVisitorState = load;
  window.dancu.visitorStateReady = function () { return ready; };
  document.addEventListener("DOMContentLoaded", load);
  // Back to a tab left open: fresh figures (others' votes) without reloading the page.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && last) load();
  });
})();
