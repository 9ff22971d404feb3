// dagang's service worker: the event day at a venue whose network comes
// and goes. The pages staff use on the day (check-in and meeting marks,
// the agenda by table, deal entry) and a participant's own agenda are kept
// once loaded, with the files they use, and shown from the phone when the
// network is down. Pages are asked from the network first, so what is
// shown is fresh whenever it can be; static files have fingerprinted names
// and never change, so they are answered from the phone. Writes are not
// handled here: offline.js queues them with their idempotency keys.
"use strict";

// VERSION is replaced by the server with a hash of the static files: a
// deploy that changes them installs a new worker, which drops the old
// copies.
var VERSION = "__VERSION__";
var CACHE = "dagang-day-" + VERSION;

// The pages kept for the day.
var DAY_PAGES = [
  /^\/events\/\d+\/checkin$/,
  /^\/events\/\d+\/agenda$/,
  /^\/deals\/new$/,
  /^\/participations\/\d+\/agenda$/
];

function dayPage(url) {
  return url.origin === self.location.origin && DAY_PAGES.some(function (re) { return re.test(url.pathname); });
}

function staticFile(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
}

// keep stores a good answer (not a redirect to the login page) for url.
function keep(request, response) {
  if (!response.ok || response.redirected || response.type !== "basic") { return Promise.resolve(); }
  return caches.open(CACHE).then(function (c) { return c.put(request, response); });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("dagang-day-") === 0 && n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") { return; }
  var url = new URL(req.url);
  if (staticFile(url)) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        var copy = res.clone();
        return keep(req, copy).then(function () { return res; });
      });
    }));
    return;
  }
  if (req.mode === "navigate" && dayPage(url)) {
    event.respondWith(fetch(req).then(function (res) {
      var copy = res.clone();
      return keep(new Request(url.origin + url.pathname + url.search), copy).then(function () { return res; });
    }, function (err) {
      // The network is down: the page as last loaded, with this query or
      // another (the check-in page after an arrival carries one).
      return caches.open(CACHE).then(function (c) {
        return c.match(req).then(function (hit) { return hit || c.match(req, { ignoreSearch: true }); });
      }).then(function (hit) {
        if (hit) { return hit; }
        throw err;
      });
    }));
  }
});

// A page just loaded (before this worker controlled it) names itself and
// its files; logging out forgets every page kept.
self.addEventListener("message", function (event) {
  var m = event.data || {};
  if (m.forget) {
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  var urls = (m.keep || []).map(function (u) { return new URL(u, self.location.origin); }).filter(function (u) { return dayPage(u) || staticFile(u); });
  event.waitUntil(Promise.all(urls.map(function (u) {
    return caches.match(u.href).then(function (hit) {
      if (hit && staticFile(u)) { return; }
      return fetch(u.href, { credentials: "same-origin" }).then(function (res) { return keep(new Request(u.href), res); }, function () {});
    });
  })));
});
