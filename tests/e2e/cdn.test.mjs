// The build output served like the CDN: security headers, cache rules,
// fallbacks, 404s, precompressed variants, the size budget, and pages
// that run under the strict Content-Security-Policy without a violation.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';

import { appModuleOf, appOf, DIST, fetchRaw, NEWSLETTER, openPage, siteAndBrowser } from './support.mjs';

const ROOT = path.resolve(DIST, '..');
const index = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const notFound = readFileSync(path.join(DIST, '404.html'), 'utf8');
const latest = JSON.parse(readFileSync(path.join(DIST, 'content/latest/1.json'), 'utf8'));
const TOP = latest.items[0];
const ARTICLE = `/${TOP.section.slug}/${TOP.slug}`;
// Articles and the newsletter page start a page's own module, which
// fetches the site's app when the reader is about to need it; every other
// page starts the app but the search page, which loads an app of its own,
// built with the search page's code (issue 19).
const PAGE_MODULE = appOf(`${ARTICLE.slice(1)}.html`);
const APP = appOf('index.html');
const SEARCH_APP = appOf('search.html');
const asset = (extension) => PAGE_MODULE[extension]
  ?? readdirSync(DIST).find((name) => name.endsWith(extension) && !name.endsWith('.br') && !name.endsWith('.gz'));

const shared = siteAndBrowser();

/** A raw GET: status, headers and body bytes exactly as sent. */
const get = (pathname, headers = {}) => fetchRaw(shared.site.url + pathname, headers);

describe('security headers', () => {
  test('every response carries the strict policy and the hardening headers', async () => {
    // The early theme script and Trunk's bootstraps (the app's, a page's
    // own module's on articles and the newsletter page, and the search
    // page's app's): every inline script.
    const inline = (html) => [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const search = readFileSync(path.join(DIST, 'search.html'), 'utf8');
    const article = readFileSync(path.join(DIST, `${ARTICLE.slice(1)}.html`), 'utf8');
    assert.equal(inline(index).length, 2, 'the theme script and Trunk\'s bootstrap');
    assert.equal(inline(search)[0], inline(index)[0], 'the same theme script');
    assert.equal(inline(article)[0], inline(index)[0], 'the same theme script');
    const bodies = [...inline(index), inline(search)[1], inline(article).at(-1)];
    assert.equal(new Set(bodies.slice(1)).size, 3, 'each module has its own bootstrap');
    const hashes = bodies.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    for (const pathname of ['/', ARTICLE, `/${asset('.wasm')}`, '/content/latest/1.json', '/content/articles/nope.json']) {
      const { headers } = await get(pathname);
      const csp = headers['content-security-policy'];
      assert.ok(csp, `${pathname} has a CSP`);
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      assert.deepEqual(directives['default-src'], ["'none'"]);
      assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'", ...hashes]);
      assert.deepEqual(directives['style-src'], ["'self'"]);
      assert.deepEqual(directives['base-uri'], ["'none'"]);
      assert.deepEqual(directives['object-src'], ["'none'"]);
      assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
      // The newsletter service: on the site's origin, or its own origin listed.
      const newsletter = /^https?:\/\//.test(NEWSLETTER.endpoint) ? [new URL(NEWSLETTER.endpoint).origin] : [];
      assert.deepEqual(directives['connect-src'], ["'self'", ...newsletter]);
      assert.deepEqual(directives['form-action'], directives['connect-src']);
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"));
      assert.equal(headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin');
      assert.match(headers['permissions-policy'], /camera=\(\)/);
      assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
    }
  });

  test('cache rules: hashed assets a year, HTML revalidated, content short-lived', async () => {
    for (const name of [asset('.wasm'), asset('.js'), asset('.css'), APP['.wasm'], APP['.js']]) {
      assert.equal((await get(`/${name}`)).headers['cache-control'], 'public, max-age=31536000, immutable', name);
    }
    assert.equal((await get('/')).headers['cache-control'], 'no-cache');
    assert.equal((await get(ARTICLE)).headers['cache-control'], 'public, max-age=0, must-revalidate');
    // The Arabic edition's data files and feeds are under its folder.
    for (const file of ['/content/latest/1.json', '/ar/content/latest/1.json', '/ar/feed.json', '/ar/sitemap.xml']) {
      assert.equal((await get(file)).headers['cache-control'], 'public, max-age=60, stale-while-revalidate=86400', file);
    }
  });
});

describe('files and fallbacks', () => {
  test('pages get their prerendered file with 200; any other address "Page not found" with 404', async () => {
    for (const [pathname, file] of [['/', 'index.html'], [ARTICLE, `${ARTICLE.slice(1)}.html`], ['/policy', 'policy.html'], ['/newsletter', 'newsletter.html']]) {
      const response = await get(pathname);
      assert.equal(response.status, 200, pathname);
      assert.equal(response.body.toString(), readFileSync(path.join(DIST, file), 'utf8'), `${pathname} is ${file}`);
    }
    for (const pathname of ['/no/such/route', `/policy/no-such-article`, '/tag/no-such-tag']) {
      const response = await get(pathname);
      assert.equal(response.status, 404, pathname);
      assert.equal(response.body.toString(), notFound, `${pathname} is 404.html`);
    }
    // Readable without JavaScript, and not for search engines.
    assert.match(notFound, /<h1[^>]*>Page not found<\/h1>/);
    assert.match(notFound, /<meta name="robots" content="noindex">/);
    for (const pathname of ['/content/articles/nope.json', '/content/images/nope.svg', '/nope.wasm', '/dispatch-0000.js', '/main-0000.css']) {
      assert.equal((await get(pathname)).status, 404, pathname);
    }
    assert.equal((await get('/robots.txt')).status, 200);
    assert.match((await get('/robots.txt')).body.toString(), /^Sitemap: https:\/\/\S+\/sitemap\.xml$/m);
  });

  test('compressed responses decode to the same bytes', async () => {
    const files = ['index.html', asset('.wasm'), asset('.js'), asset('.css'), APP['.wasm'], APP['.js'], `content/articles/${TOP.slug}.json`, 'feed.json'];
    for (const file of files) {
      const original = readFileSync(path.join(DIST, file));
      const pathname = file === 'index.html' ? '/' : `/${file}`;
      const br = await get(pathname, { 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br', file);
      assert.ok(br.body.length < original.length, `${file} is smaller in brotli`);
      assert.ok(zlib.brotliDecompressSync(br.body).equals(original), `${file} br`);
      const gz = await get(pathname, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', file);
      assert.ok(zlib.gunzipSync(gz.body).equals(original), `${file} gzip`);
      const plain = await get(pathname, { 'accept-encoding': 'identity' });
      assert.equal(plain.headers['content-encoding'], undefined, file);
      assert.ok(plain.body.equals(original), `${file} identity`);
      assert.match(br.headers.vary ?? '', /accept-encoding/i);
    }
  });

  test('the build stays within the size budget', () => {
    const budget = JSON.parse(readFileSync(path.join(ROOT, 'size-budget.json'), 'utf8'));
    const brotli = (file) => statSync(path.join(DIST, `${file}.br`)).size;
    const used = { wasm: brotli(asset('.wasm')), js: brotli(asset('.js')), css: brotli(asset('.css')) };
    used.app_wasm = brotli(APP['.wasm']);
    used.search_wasm = brotli(SEARCH_APP['.wasm']);
    for (const kind of ['wasm', 'js', 'css', 'app_wasm', 'search_wasm']) {
      assert.ok(used[kind] > 0 && used[kind] <= budget[kind], `${kind}: ${used[kind]} brotli bytes, limit ${budget[kind]}`);
    }
    // The article's prerendered page carries its content and data; a
    // photograph hero costs the WebP a phone loads, (412 - 32) × 1.75 =
    // 665 device pixels wide in Lighthouse's mobile preset (the rule of
    // xtask/src/sizes.rs).
    const photo = (image) => {
      const width = image.widths.find((w) => w >= 665) ?? image.widths.at(-1);
      return statSync(path.join(DIST, `${image.src.replace(/-\d+\.jpg$/, '')}-${width}.webp`.slice(1))).size;
    };
    const hero = !TOP.thumbnail ? 0 : TOP.thumbnail.widths ? photo(TOP.thumbnail) : brotli(TOP.thumbnail.src.slice(1));
    const firstView = brotli(`${ARTICLE.slice(1)}.html`) + used.wasm + used.js + used.css + hero;
    assert.ok(firstView <= budget.article_first_view, `article first view: ${firstView} brotli bytes, limit ${budget.article_first_view}`);
  });
});

test('only the search page loads the search code', () => {
  // Pagefind's address is in the bridge to it, which only the search
  // page's own app holds; every other page loads the app without it.
  const bundle = Buffer.from('/pagefind/');
  assert.equal(new Set([PAGE_MODULE['.wasm'], APP['.wasm'], SEARCH_APP['.wasm']]).size, 3);
  assert.ok(!readFileSync(path.join(DIST, PAGE_MODULE['.wasm'])).includes(bundle), 'a page\'s own module has no search code');
  assert.ok(!readFileSync(path.join(DIST, APP['.wasm'])).includes(bundle), 'the site\'s app has no search code');
  assert.ok(readFileSync(path.join(DIST, SEARCH_APP['.wasm'])).includes(bundle), 'the search page\'s app has it');
  for (const page of ['index.html', 'ar.html', '404.html', 'policy.html', '_shell.html']) {
    assert.deepEqual(appOf(page), APP, page);
  }
  // Articles and the newsletter pages: their own module, naming the app.
  const arabic = JSON.parse(readFileSync(path.join(DIST, 'ar/content/latest/1.json'), 'utf8')).items[0];
  for (const page of [`${ARTICLE.slice(1)}.html`, `ar/${arabic.section.slug}/${arabic.slug}.html`, 'newsletter.html', 'ar/newsletter.html', '_page_shell.html']) {
    assert.deepEqual(appOf(page), PAGE_MODULE, page);
    assert.deepEqual(appModuleOf(page), APP, page);
  }
  assert.deepEqual(appOf('ar/search.html'), SEARCH_APP);
});

describe('pages under the policy', () => {
  for (const [name, pathname, expected] of [
    ['front page', '/', 'Latest News'],
    ['article', ARTICLE, TOP.headline],
    ['unknown route', '/no/such/route', 'Page not found'],
  ]) {
    test(`${name}: no CSP violation and no console error`, async () => {
      const { page, problems } = await openPage(shared.browser);
      const violations = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
      });
      await page.goto(shared.site.url + pathname);
      await page.getByRole('heading', { level: 1, name: expected }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: expected }).waitFor();
      assert.deepEqual(violations, []);
      // An unknown address is answered with status 404, which Chromium logs.
      const expectedNotFound = (problem) => pathname === '/no/such/route' && /status of 404/.test(problem);
      assert.deepEqual(problems.filter((problem) => !expectedNotFound(problem)), []);
      await page.close();
    });
  }
});
