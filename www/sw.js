// The service worker: keeps the app shell (page, modules, wasm, examples) so the page works
// offline once loaded. Network first, so a new deployment is picked up at once; the cache
// answers when the network does not. Only this origin's files are ever cached.
const CACHE = 'article-analyzer-v2';
const SHELL = [
  './', 'index.html', 'style.css', 'app.js', 'bridge.js', 'worker.js', 'input.js', 'kwic.js', 'reader.js',
  'views/dom.js', 'views/progress.js', 'views/banner.js', 'views/documents.js', 'views/cleaned.js',
  'views/duplicates.js', 'views/keywords.js', 'views/export.js',
  'pkg/article_analyzer.js', 'pkg/article_analyzer_bg.wasm',
  // The clustering module, which a corpus of more than 200 documents needs: cached with the
  // shell, so a big corpus works offline too (the HTML module is cached when first fetched).
  'pkg-cluster/article_analyzer.js', 'pkg-cluster/article_analyzer_bg.wasm',
  'examples/dawn-afp-2017-10-11.txt', 'examples/pulse-afp-2017-10-10.txt',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((p) => new URL(p, self.registration.scope)))).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok && url.href.startsWith(self.registration.scope)) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request, { ignoreSearch: true }).then((hit) => hit || Response.error())),
  );
});
