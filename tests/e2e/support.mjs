// Shared pieces of the end-to-end tests: the site served like the CDN by
// dispatch-server, a fault-injecting HTTP proxy in front of it, and
// Debian's Chromium driven by playwright-core.

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Serves `root` (default: the release build) on a free port. */
export async function startSite(root = DIST) {
  const child = spawn(SERVER, ['--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  return { url, stop: () => child.kill() };
}

/** A copy of the release build that a test may change without touching dist/. */
export function copyOfDist() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-e2e-'));
  cpSync(DIST, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A real HTTP proxy in front of `upstream` that can be told to answer
 * paths under a prefix with a 500, or to drop their connections, until
 * it is healed.
 */
export async function startFaultyProxy(upstream) {
  const faults = new Map();
  const server = http.createServer((request, response) => {
    for (const [prefix, mode] of faults) {
      if (request.url.startsWith(prefix)) {
        if (mode === 'drop') {
          request.socket.destroy();
        } else {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('Internal Server Error');
        }
        return;
      }
    }
    const target = new URL(request.url, upstream);
    const forward = http.request(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    fail: (prefix, mode = '500') => faults.set(prefix, mode),
    heal: () => faults.clear(),
    stop: () => {
      server.closeAllConnections();
      server.close();
    },
  };
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
