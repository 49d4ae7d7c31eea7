// FaceGate console: the only script (CSP forbids inline ones). No framework: two small behaviours.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Live feed: replace the table body with the server's latest rows every 2 s.
  var feed = document.querySelector("[data-feed]");
  if (feed) {
    setInterval(function () {
      fetch(feed.getAttribute("data-feed"), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { feed.innerHTML = html; })
        .catch(function () { /* next tick retries */ });
    }, 2000);
  }
  // Pages waiting on the enrollment check reload themselves.
  var refresh = document.querySelector("[data-refresh]");
  if (refresh) {
    setTimeout(function () { window.location.reload(); }, 1000 * Number(refresh.getAttribute("data-refresh")));
  }
});
