// Lighthouse 12 (mobile preset: a mid-range phone on slow 4G, simulated),
// side by side in one run: the top article as built (prerendered, then
// hydrated by the app) against the same page saved as static HTML with
// its scripts removed, which is as fast as that page can be. Runs
// alternate between the two, so both meet the same machine load; the
// medians and the ratio of LCPs go to stdout as Markdown for
// docs/benchmarks.md. Run by `cargo xtask bench`, which builds the site
// and sets DISPATCH_SERVER, DISPATCH_DIST and CHROMIUM.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { startSite } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const DIST = process.env.DISPATCH_DIST;
const TOP = JSON.parse(readFileSync(path.join(DIST, 'content/latest/1.json'), 'utf8')).items[0];
const ARTICLE = `/${TOP.section.slug}/${TOP.slug}`;

// The baseline: the built page without a single script (the app's loader,
// the theme script, the embedded data, JSON-LD) or the preloads of the
// app's JS and wasm. Served beside the real page by the same server.
const copy = mkdtempSync(path.join(tmpdir(), 'dispatch-lighthouse-'));
cpSync(DIST, copy, { recursive: true });
const built = readFileSync(path.join(DIST, `${ARTICLE.slice(1)}.html`), 'utf8');
const bare = built
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, '');
writeFileSync(path.join(copy, `${ARTICLE.slice(1)}-static.html`), bare);
// Its precompressed twins would otherwise serve the built page's bytes.
for (const suffix of ['.br', '.gz']) rmSync(path.join(copy, `${ARTICLE.slice(1)}-static.html${suffix}`), { force: true });

const site = await startSite(copy);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const METRICS = {
  lcp: 'largest-contentful-paint',
  fcp: 'first-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  bytes: 'total-byte-weight',
};

let version;

async function measure(url, attempts = 3) {
  const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
  // Lighthouse 12 with a current Chromium now and then misses the trace's
  // start (NO_NAVSTART); such a run measured nothing, so it is run again.
  if (lhr.runtimeError?.code === 'NO_NAVSTART' && attempts > 1) return measure(url, attempts - 1);
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  version = lhr.lighthouseVersion;
  return Object.fromEntries(Object.entries(METRICS).map(([name, audit]) => [name, lhr.audits[audit].numericValue]));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  const results = { built: [], bare: [] };
  for (let run = 0; run < RUNS; run += 1) {
    results.built.push(await measure(site.url + ARTICLE));
    results.bare.push(await measure(`${site.url}${ARTICLE}-static`));
  }
  const summary = Object.fromEntries(Object.entries(results).map(([name, runs]) => [
    name,
    Object.fromEntries(Object.keys(METRICS).map((metric) => [metric, median(runs.map((r) => r[metric]))])),
  ]));
  const ms = (value) => `${Math.round(value)} ms`;
  console.log(`\n## Lighthouse ${version}, mobile preset, median of ${RUNS} alternating runs\n`);
  console.log(`Page: \`${ARTICLE}\`.\n`);
  console.log('| page | LCP | FCP | TBT | CLS | bytes |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, label] of [['built', 'as built (prerendered, hydrated)'], ['bare', 'static HTML, scripts removed']]) {
    const m = summary[name];
    console.log(`| ${label} | ${ms(m.lcp)} | ${ms(m.fcp)} | ${ms(m.tbt)} | ${m.cls.toFixed(3)} | ${Math.round(m.bytes)} |`);
  }
  const ratio = summary.built.lcp / summary.bare.lcp;
  console.log(`\nLCP ratio (as built / static): ${ratio.toFixed(3)} (target at most 1.1); CLS ${summary.built.cls.toFixed(3)} (target 0); TBT ${ms(summary.built.tbt)} (target under 50 ms).`);
} finally {
  await chrome.kill();
  site.stop();
  rmSync(copy, { recursive: true, force: true });
}
