// FaceGate console: the only script (CSP forbids inline ones). No framework: a few small behaviours.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Live feed: replace the table body with the server's latest rows every second.
  var feed = document.querySelector("[data-feed]");
  if (feed) {
    setInterval(function () {
      fetch(feed.getAttribute("data-feed"), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { feed.innerHTML = html; })
        .catch(function () { /* next tick retries */ });
    }, 1000);
  }
  // A part of the page that follows a background job (bulk import): replaced every second until it says done.
  var poll = document.querySelector("[data-poll]");
  if (poll && !poll.querySelector("[data-done]")) {
    var timer = setInterval(function () {
      fetch(poll.getAttribute("data-poll"), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          poll.innerHTML = html;
          if (poll.querySelector("[data-done]")) { clearInterval(timer); }
        })
        .catch(function () { /* next tick retries */ });
    }, 1000);
  }
  // Webcam enrollment: a still from getUserMedia, checked by the server's enrollment gate; a good one becomes the
  // form's photo. The stream goes to the video element as an object (no URL), so the CSP needs no blob: source.
  var cam = document.querySelector("[data-webcam]");
  if (cam && navigator.mediaDevices) {
    var video = document.getElementById("camera");
    var still = document.getElementById("still");
    var feedback = document.getElementById("feedback");
    document.getElementById("camera-start").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({video: true, audio: false}).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        document.getElementById("capture").disabled = false;
      }, function (e) { feedback.className = "error"; feedback.textContent = "no webcam: " + e.name; });
    });
    document.getElementById("capture").addEventListener("click", function () {
      still.width = video.videoWidth;
      still.height = video.videoHeight;
      still.getContext("2d").drawImage(video, 0, 0);
      still.hidden = false;
      still.toBlob(function (blob) {
        feedback.className = "hint";
        feedback.textContent = "checking…";
        fetch(cam.getAttribute("data-webcam"), {method: "POST", body: blob, credentials: "same-origin",
          headers: {"Content-Type": "image/jpeg",
            "X-CSRF-Token": document.querySelector("input[name=_csrf]").value}})
          .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
          .then(function (answer) {
            if (answer.ok) {
              var files = new DataTransfer();
              files.items.add(new File([blob], "webcam.jpg", {type: "image/jpeg"}));
              document.getElementById("photo").files = files.files;
              feedback.className = "notice";
              feedback.textContent = "good: one face, facing the camera, sharp and well lit — it is the photo now";
            } else {
              feedback.className = "error";
              feedback.textContent = "not usable: " + answer.problems.join("; ");
            }
          }, function (status) { feedback.className = "error"; feedback.textContent = "check failed: " + status; });
      }, "image/jpeg", 0.92);
    });
  }
  // Pages waiting on the enrollment check reload themselves.
  var refresh = document.querySelector("[data-refresh]");
  if (refresh) {
    setTimeout(function () { window.location.reload(); }, 1000 * Number(refresh.getAttribute("data-refresh")));
  }
});
