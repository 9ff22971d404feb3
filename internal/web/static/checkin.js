// dagang: the check-in page scans the QR code of a badge or agenda with
// the phone's camera where the browser has BarcodeDetector (Chromium on
// Android, ChromeOS and macOS), puts the code into the form and sends it.
// Elsewhere the page says so and the typed code is the way in.
(function () {
  "use strict";

  var scanner = document.getElementById("scanner");
  var none = document.getElementById("scan-none");
  var form = document.getElementById("code-form");
  if (!scanner || !form) { return; }
  var input = form.querySelector("input[name=code]");

  function unsupported() { none.hidden = false; }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    unsupported();
    return;
  }
  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) { unsupported(); return; }
    scanner.hidden = false;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var video = document.getElementById("scan-video");
    document.getElementById("scan-start").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () { look(stream); });
      }).catch(unsupported);
    });

    function stop(stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      video.hidden = true;
    }

    // look asks the detector about the current frame until it reads a
    // check-in code (P, digits, dash, two check digits).
    function look(stream) {
      detector.detect(video).then(function (codes) {
        for (var i = 0; i < codes.length; i++) {
          var v = (codes[i].rawValue || "").trim();
          if (/^P\d+-\d\d$/.test(v)) {
            stop(stream);
            input.value = v;
            form.requestSubmit();
            return;
          }
        }
        window.setTimeout(function () { look(stream); }, 200);
      }).catch(function () { stop(stream); unsupported(); });
    }
  }).catch(unsupported);
})();
