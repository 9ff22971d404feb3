// dagang: the event day without a network. The forms of the event-day
// pages (check-in, meeting marks, deal entry: form[data-offline]) are sent
// with an idempotency key. When the network is down they are kept in this
// phone's IndexedDB with their key and sent when it returns (the online
// event, and retries with a growing pause), however often, and the server
// stores each once. The page says what is waiting to be sent and when it
// has been sent. The service worker (/sw.js) keeps the pages themselves.
// Without JavaScript the forms post as ever.
(function () {
  "use strict";

  var status = document.getElementById("offline-status");
  if (!status || !window.indexedDB || !window.fetch) { return; }
  var user = status.getAttribute("data-user");
  var text = function (name) { return status.getAttribute("data-" + name) || ""; };

  // The service worker, and the page and files it keeps for the day.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var files = [location.pathname + location.search];
      document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href]").forEach(function (el) {
        files.push(el.getAttribute("src") || el.getAttribute("href"));
      });
      if (reg.active) { reg.active.postMessage({ keep: files }); }
    }).catch(function () {});
    document.querySelectorAll("form.logout").forEach(function (f) {
      f.addEventListener("submit", function () {
        if (navigator.serviceWorker.controller) { navigator.serviceWorker.controller.postMessage({ forget: true }); }
      });
    });
  }

  // The queue: one object store of writes, by key.
  function open() {
    return new Promise(function (ok, fail) {
      var r = indexedDB.open("dagang-offline", 1);
      r.onupgradeneeded = function () { r.result.createObjectStore("queue", { keyPath: "key" }); };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }
  function store(mode, fn) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction("queue", mode);
        var out = fn(t.objectStore("queue"));
        t.oncomplete = function () { db.close(); ok(out && out.result); };
        t.onerror = function () { db.close(); fail(t.error); };
      });
    });
  }
  function waiting() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (all) {
      return (all || []).filter(function (w) { return w.user === user; }).sort(function (a, b) { return a.at - b.at; });
    });
  }

  var sent = 0, refused = [];
  function show() {
    return waiting().then(function (ws) {
      var parts = [];
      if (ws.length) {
        parts.push(ws.length + " " + text("waiting"));
        if (!navigator.onLine || retry) { parts.push(text("offline")); }
      }
      if (sent) { parts.push(sent + " " + text("sent") + (ws.length ? "" : " · " + text("none"))); }
      refused.forEach(function (r) { parts.push(r); });
      status.textContent = parts.join(" · ");
      status.hidden = parts.length === 0;
      status.setAttribute("data-waiting-count", String(ws.length));
    });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  // send posts one write; it resolves to the answer, or rejects when the
  // network is down.
  function send(w, redirect) {
    return fetch(w.action, {
      method: "POST", body: w.body, credentials: "same-origin", redirect: redirect,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": w.key }
    });
  }

  // flush sends what waits, oldest first, until the network fails.
  var flushing = false, retry = null, pause = 1000;
  function flush() {
    // Without a network, the online event says when to try again.
    if (flushing || !navigator.onLine) { return; }
    flushing = true;
    clearTimeout(retry);
    retry = null;
    waiting().then(function next(ws) {
      if (!ws.length) { pause = 1000; return; }
      var w = ws[0];
      return send(w, "manual").then(function (res) {
        if (res.status >= 500) { throw new Error("server " + res.status); }
        if (res.type === "opaqueredirect" || res.ok) {
          sent++;
        } else {
          refused.push(w.label + ": " + text("refused") + " (" + res.status + ")");
        }
        return store("readwrite", function (s) { return s.delete(w.key); }).then(show).then(waiting).then(next);
      });
    }).catch(function () {
      retry = setTimeout(flush, pause);
      pause = Math.min(pause * 2, 60000);
    }).then(function () {
      flushing = false;
      return show();
    });
  }

  // queue keeps a write of form for later.
  function queue(form, body, key) {
    var label = form.getAttribute("data-offline") || form.getAttribute("action");
    return store("readwrite", function (s) {
      return s.put({ key: key, user: user, action: form.getAttribute("action"), body: body, label: label, at: Date.now() });
    }).then(function () {
      form.reset();
      return show();
    }).then(function () {
      if (!retry) { retry = setTimeout(flush, pause); }
    });
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches("form[data-offline]") || ev.defaultPrevented) { return; }
    ev.preventDefault();
    var body = new URLSearchParams(new FormData(form, ev.submitter)).toString();
    var key = newKey();
    if (!navigator.onLine) { queue(form, body, key); return; }
    send({ action: form.getAttribute("action"), body: body, key: key }, "follow").then(function (res) {
      if (res.ok) {
        location.assign(res.url);
        return;
      }
      // A refusal (a mistyped code, a likely duplicate): the form posts
      // again as without JavaScript and the page shows why. Nothing was
      // stored, so no key is needed.
      HTMLFormElement.prototype.submit.call(form);
    }, function () { queue(form, body, key); });
  });

  // Requests of the page itself (the value preview of the deal form)
  // wait for the network too.
  document.addEventListener("htmx:beforeRequest", function (ev) {
    if (!navigator.onLine) { ev.preventDefault(); }
  });

  window.addEventListener("online", function () { pause = 1000; flush(); });
  window.addEventListener("offline", show);
  show().then(flush);
})();
