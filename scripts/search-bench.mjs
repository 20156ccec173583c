// The site search in Chromium at archive scale: a built synthetic newsroom
// (`cargo xtask bench search` makes it, with the release build's app and
// Pagefind's index) served by dispatch-server, searched as a reader does on
// a slow phone (the CPU slowed 4x, as Lighthouse's mobile preset does).
// For each query: the bytes and requests the first search of a visit costs
// (pagefind.js, its worker and wasm, the index chunks, ten fragments), then
// a second search in the same visit, and the time from Enter to the count
// on screen; medians of RUNS fresh visits. Markdown rows go to stdout.
//
// Environment: DISPATCH_SERVER, CHROMIUM, SEARCH_ROOT (the built site),
// SEARCH_ARTICLES (its size, for the table), SEARCH_QUERIES (JSON:
// [[label, first words, second words], ...]).

import { launchBrowser, startSite } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.SEARCH_RUNS ?? 5);
const ROOT = process.env.SEARCH_ROOT;
const ARTICLES = process.env.SEARCH_ARTICLES;
const QUERIES = JSON.parse(process.env.SEARCH_QUERIES);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const site = await startSite(ROOT);
const browser = await launchBrowser();

/** One fresh visit: two searches, each timed from Enter to its count. */
async function visit(first, second) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const bytes = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (new URL(response.url).pathname.startsWith('/pagefind/')) bytes.set(requestId, 0);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    if (bytes.has(requestId)) bytes.set(requestId, encodedDataLength);
  });
  await page.goto(`${site.url}/search`);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  const measured = [];
  for (const words of [first, second]) {
    bytes.clear();
    const field = page.locator('#search-words');
    await field.fill(words);
    const took = await page.evaluate(
      () =>
        new Promise((done) => {
          const form = document.querySelector('.search-form');
          const status = document.querySelector('.search-status');
          const before = status.textContent;
          const started = performance.now();
          new MutationObserver((_, observer) => {
            if (/results? for|No results/.test(status.textContent) && status.textContent !== before) {
              observer.disconnect();
              requestAnimationFrame(() => done(performance.now() - started));
            }
          }).observe(status, { childList: true, subtree: true, characterData: true });
          form.requestSubmit();
        }),
    );
    // Fragments still arriving after the count are part of the search.
    await page.waitForLoadState('networkidle');
    measured.push({ took, requests: bytes.size, bytes: [...bytes.values()].reduce((a, b) => a + b, 0) });
  }
  await context.close();
  return measured;
}

try {
  for (const [label, first, second] of QUERIES) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await visit(first, second));
    const row = (at) => ({
      took: median(runs.map((r) => r[at].took)),
      requests: median(runs.map((r) => r[at].requests)),
      bytes: median(runs.map((r) => r[at].bytes)),
    });
    const [one, two] = [row(0), row(1)];
    console.log(
      `| ${ARTICLES} | ${label}: “${first}”, then “${second}” | ${one.requests} / ${Math.round(one.bytes / 1024)} KiB | ${Math.round(one.took)} ms | ${two.requests} / ${Math.round(two.bytes / 1024)} KiB | ${Math.round(two.took)} ms |`,
    );
  }
} finally {
  await browser.close();
  site.stop();
}
