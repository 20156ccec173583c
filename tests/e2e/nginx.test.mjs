// The generated nginx configuration (dist/_nginx.conf) serves the build
// the same way as the preview that the other end-to-end tests use: the
// same statuses, headers, cache rules, fallbacks and compressed bytes.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { DIST, fetchRaw, startSite } from './support.mjs';

const NGINX = process.env.DISPATCH_NGINX || '/usr/sbin/nginx';
const NGINX_BROTLI = process.env.DISPATCH_NGINX_BROTLI || '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const TOP = JSON.parse(readFileSync(path.join(DIST, 'content/latest/1.json'), 'utf8')).items[0];
const asset = (extension) => readdirSync(DIST).find((name) => name.endsWith(extension));
const SECURITY = ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy'];

let preview;
let nginx;

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once something accepts connections on `port` (at most 10 s). */
async function listening(port) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startNginx() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-nginx-'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join(' ');
  writeFileSync(path.join(dir, 'nginx.conf'), `
load_module ${NGINX_BROTLI};
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    root ${DIST};
    brotli_static on;
    include ${DIST}/_nginx.conf;
  }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  await listening(port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const get = (base, pathname, headers = {}) => fetchRaw(base + pathname, headers);

const mime = (value = '') => value.split(';')[0].trim();

before(async () => {
  preview = await startSite();
  nginx = await startNginx();
});

after(() => {
  nginx?.stop();
  preview?.stop();
});

// The Arabic edition's newest story (issue 17), served under /ar.
const ARABIC_TOP = JSON.parse(readFileSync(path.join(DIST, 'ar/content/latest/1.json'), 'utf8')).items[0];

test('nginx answers files and routes exactly like the preview', async () => {
  const paths = ['/', `/${TOP.section.slug}/${TOP.slug}`, '/policy', '/no/such/route', `/${asset('.wasm')}`, `/${asset('.js')}`,
    `/${asset('.css')}`, '/content/latest/1.json', `/content/articles/${TOP.slug}.json`, '/feed.json', '/rss.xml', '/sitemap.xml', '/robots.txt',
    '/ar', `/ar/${ARABIC_TOP.section.slug}/${ARABIC_TOP.slug}`, '/ar/policy', '/ar/newsletter', '/ar/no/such/route',
    '/ar/content/latest/1.json', '/ar/feed.json', '/ar/rss.xml', '/ar/sitemap.xml'];
  for (const pathname of paths) {
    const [ours, theirs] = [await get(preview.url, pathname), await get(nginx.url, pathname)];
    assert.equal(theirs.status, ours.status, `${pathname} status`);
    assert.ok(theirs.body.equals(ours.body), `${pathname} body`);
    assert.equal(mime(theirs.headers['content-type']), mime(ours.headers['content-type']), `${pathname} content-type`);
    for (const name of [...SECURITY, 'cache-control']) {
      assert.ok(ours.headers[name], `${pathname} ${name} from the preview`);
      assert.equal(theirs.headers[name], ours.headers[name], `${pathname} ${name}`);
    }
  }
});

/** A tag page whose address is not ASCII, as the sample newsroom has. */
const UNICODE_TAGS = readdirSync(path.join(DIST, 'content/tags')).filter((slug) => /[^\x00-\x7f]/.test(slug));

test('pages with non-ASCII addresses answer 200 at their percent-encoded URLs, on the preview and on nginx', async () => {
  assert.ok(UNICODE_TAGS.some((slug) => /[\u0600-\u06ff]/.test(slug)), `an Arabic-script tag in ${UNICODE_TAGS}`);
  assert.ok(UNICODE_TAGS.some((slug) => /[à-ÿ]/.test(slug)), `an accented Latin tag in ${UNICODE_TAGS}`);
  const locations = [...readFileSync(path.join(DIST, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc);
  assert.ok(locations.length > 50 && locations.every((loc) => /^[\x21-\x7e]+$/.test(loc)), 'every sitemap <loc> is ASCII');
  for (const slug of UNICODE_TAGS) {
    assert.ok(locations.includes(`https://dispatch.example/tag/${encodeURIComponent(slug)}`) || locations.some((loc) => loc.endsWith(`/tag/${encodeURIComponent(slug)}`)), `${slug} in the sitemap`);
    const pathname = `/tag/${encodeURIComponent(slug)}`;
    for (const server of [preview, nginx]) {
      const response = await get(server.url, pathname);
      assert.equal(response.status, 200, `${server.url}${pathname}`);
      assert.ok(response.body.toString().includes('<link rel="canonical" href="https://'), pathname);
    }
  }
});

test('a trailing slash and a page\'s .html redirect to the one canonical address, the same on nginx as on the preview', async () => {
  const article = `/${TOP.section.slug}/${TOP.slug}`;
  const arabic = `/tag/${encodeURIComponent(UNICODE_TAGS.find((slug) => /[\u0600-\u06ff]/.test(slug)))}`;
  const cases = [
    ['/index.html', '/'],
    [`${article}/`, article],
    [`${article}.html`, article],
    [`${article}/?utm_source=x`, `${article}?utm_source=x`],
    ['/policy/', '/policy'],
    ['/ar/', '/ar'],
    ['/ar.html', '/ar'],
    ['/ar/policy/', '/ar/policy'],
    [`${arabic}/`, arabic],
    [`${arabic}.html`, arabic],
  ];
  for (const [pathname, location] of cases) {
    for (const server of [preview, nginx]) {
      const response = await get(server.url, pathname);
      assert.ok([301, 308].includes(response.status), `${server.url}${pathname}: ${response.status}`);
      assert.equal(response.headers.location, location, `${server.url}${pathname}`);
      for (const name of SECURITY) assert.ok(response.headers[name], `${pathname} ${name}`);
    }
  }
  for (const pathname of ['/nope.html', '/no/such/route/']) {
    const [ours, theirs] = [await get(preview.url, pathname), await get(nginx.url, pathname)];
    assert.equal(theirs.status, ours.status, `${pathname}: nginx ${theirs.status}, preview ${ours.status}`);
  }
});

test('an Arabic address with no page gets the Arabic "Page not found", with status 404, on nginx as on the preview', async () => {
  const arabic404 = readFileSync(path.join(DIST, 'ar/404.html'));
  for (const server of [preview, nginx]) {
    const response = await get(server.url, '/ar/no/such/route');
    assert.equal(response.status, 404, server.url);
    assert.ok(response.body.equals(arabic404), `${server.url}: the Arabic edition's own 404 page`);
    assert.match(response.body.toString(), /<html lang="ar" dir="rtl">/);
    const english = await get(server.url, '/no/such/route');
    assert.match(english.body.toString(), /<html lang="en" dir="ltr">/, `${server.url}: the English one elsewhere`);
  }
});

test('moved addresses and listing pages answer with 301 and the same Location on nginx as on the preview', async () => {
  const { moved } = JSON.parse(readFileSync(path.join(DIST, 'content/redirects.json'), 'utf8'));
  assert.ok(moved.some(({ from }) => /[^\x00-\x7f]/.test(from)), 'the sample has a non-ASCII alias');
  assert.ok(moved.some(({ from }) => from.split('/').length === 2), 'the sample has a renamed section');
  const paged = readdirSync(path.join(DIST, 'content/regions')).find((slug) => readdirSync(path.join(DIST, 'content/regions', slug)).includes('2.json'));
  assert.ok(paged, 'a region with a second page');
  const region = `/region/${paged}`;
  const arabic = `/tag/${encodeURIComponent(UNICODE_TAGS.find((slug) => /[\u0600-\u06ff]/.test(slug)))}`;
  const cases = [
    ...moved.map(({ from, to }) => [encodeURI(from), encodeURI(to)]),
    [`${region}?page=2`, `${region}/page/2`],
    [`${region}?utm_source=x&page=2`, `${region}/page/2`],
    [`${region}?page=1`, region],
    [`${region}/page/1`, region],
    [`${arabic}?page=3`, `${arabic}/page/3`],
    ['/policy?page=2', '/policy/page/2'],
  ];
  // Each hop is a 301; `?page=1` may take two (to `/page/1`, then to the
  // listing) where the host's rules cannot match a query's value.
  for (const [pathname, location] of cases) {
    for (const server of [preview, nginx]) {
      let [at, hops] = [pathname, 0];
      for (; hops < 2; hops += 1) {
        const response = await get(server.url, at);
        assert.equal(response.status, 301, `${server.url}${at}`);
        at = response.headers.location;
        if ((await get(server.url, at)).status !== 301) break;
      }
      assert.equal(at, location, `${server.url}${pathname}`);
      assert.ok(hops === 0 || pathname.endsWith('?page=1'), `${server.url}${pathname} took ${hops + 1} hops`);
    }
  }
  for (const server of [preview, nginx]) {
    const second = await get(server.url, `${region}/page/2`);
    assert.equal(second.status, 200, `${server.url}${region}/page/2`);
    const html = second.body.toString();
    assert.ok(html.includes(`<link rel="canonical" href="https://dispatch.example${region}/page/2">`), html.slice(0, 2000));
    assert.ok(html.includes(`<link rel="prev" href="https://dispatch.example${region}">`));
    assert.ok(html.includes('class="card-list"'), 'the second page is prerendered with its cards');
    for (const missing of [`${region}/page/99`, `${region}/page/x`, '/no-such-old/address']) {
      assert.equal((await get(server.url, missing)).status, 404, `${server.url}${missing}`);
    }
  }
});

test('nginx answers unknown files and the rule files with 404 and the security headers', async () => {
  for (const pathname of ['/content/articles/nope.json', '/content/images/nope.svg', '/nope.wasm', '/main-0000.css', '/_headers', '/_redirects', '/_nginx.conf']) {
    const response = await get(nginx.url, pathname);
    assert.equal(response.status, 404, pathname);
    for (const name of SECURITY) assert.ok(response.headers[name], `${pathname} ${name}`);
  }
});

test('nginx serves the precompressed files, which decode to the same bytes', async () => {
  for (const file of ['index.html', asset('.wasm'), asset('.js'), asset('.css'), `content/articles/${TOP.slug}.json`]) {
    const original = readFileSync(path.join(DIST, file));
    const pathname = file === 'index.html' ? '/' : `/${file}`;
    const br = await get(nginx.url, pathname, { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br', file);
    assert.ok(zlib.brotliDecompressSync(br.body).equals(original), `${file} br`);
    const gz = await get(nginx.url, pathname, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', file);
    assert.ok(zlib.gunzipSync(gz.body).equals(original), `${file} gzip`);
  }
});
