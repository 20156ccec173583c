// Shared pieces of the end-to-end tests: the site served like the CDN by
// dispatch-server, a fault-injecting HTTP proxy in front of it, and
// Debian's Chromium driven by playwright-core.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const SERVER = process.env.DISPATCH_SERVER;
export const DIST = process.env.DISPATCH_DIST;

if (!SERVER || !DIST) {
  throw new Error('Run the end-to-end tests with `cargo xtask test`, which builds the site and sets DISPATCH_SERVER and DISPATCH_DIST.');
}


/**
 * One GET of `url` with `headers`, as a plain HTTP client sees it (no
 * decompression, no redirects followed): `{ status, headers, body }`,
 * the body a Buffer. Rejects on a network error.
 */
export function fetchRaw(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/**
 * Serves `root` (default: the release build) on a free port; `extra`
 * arguments go to dispatch-server as they are (the newsletter service's).
 * Everything the server prints is kept in `log`.
 */
export async function startSite(root = DIST, extra = []) {
  const child = spawn(SERVER, ['--root', root, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const log = [];
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('dispatch-server printed no address within 30 s')), 30_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dispatch-server exited with ${code}`));
    });
  });
  return { url, log, stop: () => child.kill() };
}

/** The newsletter lists the build was configured with (from deploy.toml). */
/**
 * The hashed wasm and JS glue (Trunk's `dispatch-{hash}_bg.wasm` and
 * `dispatch-{hash}.js`) that the prerendered page `page` of `dist` loads:
 * the site's app on every page but the search page, which loads its own.
 */
export function appOf(page, dist = DIST) {
  const html = readFileSync(path.join(dist, page), 'utf8');
  return {
    '.wasm': html.match(/module_or_path: '\/([^']+)'/)[1],
    '.js': html.match(/(?:import init, \* as bindings from |await import\()'\/([^']+)'/)[1],
  };
}

/**
 * The app's wasm and JS glue that a prerendered page's own module fetches
 * when the reader is about to need it (`src/page.rs`), as the page `page`
 * names it in `<meta name="dispatch-app">`.
 */
export function appModuleOf(page, dist = DIST) {
  const html = readFileSync(path.join(dist, page), 'utf8');
  const js = html.match(/<meta name="dispatch-app" content="\/([^"]+\.js)">/)[1];
  return { '.wasm': js.replace(/\.js$/, '_bg.wasm'), '.js': js };
}

export const NEWSLETTER = JSON.parse(readFileSync(path.join(DIST, 'newsletter.json'), 'utf8'));

/**
 * The release build and the newsletter service on one origin, with the
 * signups in a fresh SQLite file; `sql(query)` reads it with the sqlite3
 * command-line shell, so a test checks what is really stored.
 */
export async function startSiteWithNewsletter({ rateLimit = 0, lists = [NEWSLETTER.daily_list, NEWSLETTER.weekly_list] } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'dispatch-newsletter-'));
  const args = ['--data', data, '--rate-limit', String(rateLimit), ...lists.flatMap((list) => ['--list', list])];
  const site = await startSite(DIST, args);
  const database = path.join(data, 'newsletter.sqlite3');
  return {
    ...site,
    database,
    sql: (query) => execFileSync('sqlite3', ['-readonly', database, query], { encoding: 'utf8' }).trim(),
    stop: () => {
      site.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A copy of the release build that a test may change without touching dist/. */
export function copyOfDist() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-e2e-'));
  cpSync(DIST, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How late a 'slow' answer comes. */
export const SLOW_MS = 1500;

/**
 * A real HTTP proxy in front of `upstream` that can be told to answer
 * paths under a prefix with a 500, to drop their connections, or to pass
 * the request on and then drop the connection in the middle of the answer
 * (the server acted, the client never hears), until it is healed. A mode may
 * be a function of the request that picks one of those, or 'pass'; or
 * 'slow', which answers after SLOW_MS; or 'hang', which never answers.
 */
export async function startFaultyProxy(upstream) {
  const faults = new Map();
  const hung = new Set();
  const server = http.createServer((request, response) => {
    let mode = 'pass';
    for (const [prefix, fault] of faults) {
      if (request.url.startsWith(prefix)) {
        mode = typeof fault === 'function' ? fault(request) : fault;
        break;
      }
    }
    if (mode === 'drop') {
      request.socket.destroy();
      return;
    }
    if (mode === '500') {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal Server Error');
      return;
    }
    if (mode === 'hang') {
      // Never answers, until healed or stopped.
      hung.add(request.socket);
      return;
    }
    if (mode === 'slow') {
      // The answer, late: a slow phone network.
      setTimeout(() => forward(upstream, request, response, 'pass'), SLOW_MS);
      return;
    }
    forward(upstream, request, response, mode);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    fail: (prefix, mode = '500') => faults.set(prefix, mode),
    heal: () => {
      faults.clear();
      for (const socket of hung) socket.destroy();
      hung.clear();
    },
    stop: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Passes a request on to `upstream`; 'drop-after' cuts the answer short. */
function forward(upstream, request, response, mode) {
  const target = new URL(request.url, upstream);
  const onward = http.request(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
    if (mode === 'drop-after') {
      // The head goes out, so no client can take the request as unsent
      // and resend it by itself; the body never arrives.
      answer.resume();
      answer.on('end', () => {
        response.writeHead(answer.statusCode, { ...answer.headers, 'content-length': '1000' });
        response.flushHeaders();
        setTimeout(() => request.socket.destroy(), 20);
      });
      return;
    }
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  onward.on('error', () => response.destroy());
  request.pipe(onward);
}

/** Headless Chromium with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// Chromium's own notice that it does not check the `integrity` of the
// wasm preload that Trunk writes (crbug.com/981419): about the browser,
// not the page, so it is the one message a test may see.
const BROWSER_NOTICES = [/^The `integrity` attribute is currently ignored for preload destinations/];

/** A new page that records console errors, warnings and uncaught exceptions. */
export async function openPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    const serious = message.type() === 'error' || message.type() === 'warning';
    if (serious && !BROWSER_NOTICES.some((notice) => notice.test(message.text()))) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { page, problems };
}

/**
 * Opens `url` and waits until the app responds to the reader: on a
 * prerendered page, its parts mounted (src/islands.rs); on the shell, the
 * app rendered. The app marks both with `<html data-app="ready">`, so a
 * click after it is the app's (an in-app navigation, a theme switch)
 * rather than the browser's.
 */
export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
}

/**
 * The release build served like the CDN, and a browser, for the tests of
 * one file: started before its first test and stopped after its last.
 */
export function siteAndBrowser() {
  const shared = {};
  before(async () => {
    shared.site = await startSite();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    shared.site?.stop();
  });
  return shared;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.2 A and AA violations axe finds on `page`, one line each:
 * rule, impact, where. The page's context must bypass its CSP, so that
 * axe can be injected.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Opens `url` answered with the bare shell (`shell`, the build's
 * `_shell.html`), so that the app fetches and renders the page itself,
 * and waits until it has: its heading, no skeleton, and the sections from
 * site.json, which the app loads beside the page. Returns the page and
 * its console problems, as `openPage`.
 */
export async function openRenderedAlone(browser, url, shell) {
  const alone = await openPage(browser);
  await alone.page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: shell }));
  await alone.page.goto(url);
  await alone.page.locator('main h1').waitFor();
  await alone.page.locator('.skeleton').waitFor({ state: 'detached' });
  await alone.page.locator('.section-nav li').first().waitFor();
  return alone;
}
