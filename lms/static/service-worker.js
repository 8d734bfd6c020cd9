// The offline crisis kit. Served at /service-worker.js (scope: the whole site), with
// self.OFFLINE_KIT written above this line: {version, pages, assets, offline}.
//
// - Kit pages (the crisis module, its lessons, the handouts and their PDFs) are fetched when the
//   worker installs and are network-first: online, a visitor always gets the published text and
//   the copy kept on the phone is refreshed; offline, the kept copy is shown.
// - Other pages go to the network; offline, they show the plain "needs a connection" page.
// - Only what the server marks as shareable is kept: never a no-store (personal) page, never a
//   POST. Copies are fetched without cookies, so they hold nothing about the person; so they ask
//   for the language the person chose (OFFLINE_KIT.language, from the page that registered this
//   worker as /service-worker.js?lang=..), not the phone's: a parent on an English phone who
//   chose Español keeps the kit in Spanish. Choosing again registers a new worker and kit.
// - A publish changes OFFLINE_KIT.version, so the browser installs this worker again at the
//   next visit online, fills a new cache, and the old one is deleted.
"use strict";

var KIT = self.OFFLINE_KIT;
var CACHE = "crisis-kit-" + KIT.version;
var PREFIX = "crisis-kit-";

function shareable(response) {
  var rules = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !response.redirected &&
    !/no-store|private/i.test(rules);
}

// The page as a visitor who is not signed in sees it: nothing personal is kept.
function keepCopy(url) {
  var headers = KIT.language ? { "Accept-Language": KIT.language } : {};
  return fetch(url, { credentials: "omit", cache: "no-cache", headers: headers }).then(function (response) {
    if (!shareable(response)) { return null; }
    return caches.open(CACHE).then(function (cache) { return cache.put(url, response); });
  }).catch(function () { return null; });
}

function kept(url) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(url, { ignoreVary: true });
  });
}

function offlinePage() {
  return kept(KIT.offline).then(function (page) {
    return page || new Response("This page needs a connection.", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });
}

self.addEventListener("install", function (event) {
  var urls = KIT.pages.concat(KIT.assets, [KIT.offline]);
  event.waitUntil(Promise.all(urls.map(keepCopy)).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(event, path) {
  return fetch(event.request).then(function (response) {
    if (shareable(response)) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(path, copy); }));
    } else if (response.ok) {
      // A signed-in person's page is personal (no-store): keep the visitor's copy instead.
      event.waitUntil(keepCopy(path));
    }
    return response;
  }, function () {
    return kept(path).then(function (page) {
      if (page) { return page; }
      return event.request.mode === "navigate" ? offlinePage() : Response.error();
    });
  });
}

function cacheFirst(path, request) {
  return kept(path).then(function (hit) { return hit || fetch(request); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (!url.search && KIT.pages.indexOf(url.pathname) !== -1) {
    event.respondWith(networkFirst(event, url.pathname));
  } else if (KIT.assets.indexOf(url.pathname) !== -1) {
    event.respondWith(cacheFirst(url.pathname, request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(offlinePage));
  }
});
