/**
 * The offline cache (issue 6): after the first visit the app, its engine and the sample data load
 * without the network. The build replaces PRECACHE and VERSION (src/app/service-worker-plugin.ts).
 * Only this origin's GET and HEAD requests are answered; a data URL the user typed goes straight to
 * its own origin, untouched.
 */
const PRECACHE = self.__LER_PRECACHE__;
const VERSION = self.__LER_VERSION__;
const CACHE = `ler-outcomes-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('ler-outcomes-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** Keeps a fresh copy of what the app fetched (e.g. the other engine bundle, which is not precached). */
async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok && request.method === 'GET' && response.status === 200) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function answer(request) {
  const url = new URL(request.url);
  if (request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname)) {
    // The page itself: the network first, so a new version shows; the cached shell when offline.
    try {
      return await fetchAndKeep(new Request(url.origin + '/', { credentials: 'same-origin' }));
    } catch {
      const shell = await caches.match('/', { cacheName: CACHE });
      if (shell) return shell;
      throw new Error('offline and the app is not cached yet');
    }
  }
  // Built files carry a content hash, so a cached copy is always the right one. The server may answer with
  // Vary: Origin, and module scripts send an Origin the precache request did not: ignore Vary.
  const cached = await caches.match(request, {
    cacheName: CACHE,
    ignoreMethod: request.method === 'HEAD',
    ignoreSearch: true,
    ignoreVary: true,
  });
  if (cached) return request.method === 'HEAD' ? new Response(null, { status: cached.status, headers: cached.headers }) : cached;
  return fetchAndKeep(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  if (request.headers.has('range')) return;
  event.respondWith(answer(request));
});
