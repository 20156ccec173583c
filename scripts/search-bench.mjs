// The site search in Chromium at archive scale: a built synthetic newsroom
// (`cargo xtask bench search` makes it, with the release build's app and
// Pagefind's index) served by dispatch-server, searched as a reader does on
// a slow phone (the CPU slowed 4x, as Lighthouse's mobile preset does).
// For each query: the bytes and requests of opening /search (the page
// loads pagefind.js, its worker, its wasm and the index's metadata as it
// opens), of the first search of the visit (the index chunks for its
// words, ten fragments), and of a second search, with the time from Enter
// to the count on screen; medians of RUNS fresh visits. Markdown rows go
// to stdout.
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
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Playwright reports the search worker's requests (the index chunks,
  // its wasm) with the page's; a page-level CDP session would miss them.
  // Sizes are as sent: compressed bodies plus headers.
  // A worker's script reports no body size: its Content-Length stands in.
  const loads = [];
  context.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) {
      loads.push(
        Promise.all([request.sizes(), request.response()]).then(
          ([sizes, response]) =>
            (sizes.responseBodySize || Number(response?.headers()['content-length'] ?? 0)) + sizes.responseHeadersSize,
        ),
      );
    }
  });
  const spent = async () => {
    const sizes = await Promise.all(loads.splice(0));
    return { requests: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
  };
  // The page loads the engine as it opens (the reader is about to type);
  // the searches start once that is done, as a reader's typing would.
  await page.goto(`${site.url}/search`);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForLoadState('networkidle');
  const measured = [{ took: 0, ...(await spent()) }];
  for (const words of [first, second]) {
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
    measured.push({ took, ...(await spent()) });
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
    const [open, one, two] = [row(0), row(1), row(2)];
    const cost = ({ requests, bytes }) => `${requests} / ${Math.round(bytes / 1024)} KiB`;
    console.log(
      `| ${ARTICLES} | ${label}: “${first}”, then “${second}” | ${cost(open)} | ${cost(one)} | ${Math.round(one.took)} ms | ${cost(two)} | ${Math.round(two.took)} ms |`,
    );
  }
} finally {
  await browser.close();
  site.stop();
}
