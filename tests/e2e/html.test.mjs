// Valid HTML, by the Nu Html Checker (vnu-jar from npm, on the machine's
// Java): the shell and every prerendered page as served, and the document
// each kind of page becomes once the app has rendered it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, siteAndBrowser } from './support.mjs';

const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);

const shared = siteAndBrowser();

/** Every error and warning vnu reports for `files`, one line each. */
function check(files) {
  let report;
  try {
    report = execFileSync('java', ['-jar', VNU, '--format', 'json', '--stdout', ...files], { encoding: 'utf8' });
  } catch (failed) {
    // vnu exits 1 when it finds errors; the report is still on stdout.
    report = failed.stdout;
  }
  return JSON.parse(report)
    .messages.filter((message) => message.type === 'error' || message.subType === 'warning')
    .map((message) => `${path.basename(new URL(message.url).pathname)}:${message.lastLine}: ${message.message}`);
}

test('the shell and every prerendered page, as served, are valid HTML', () => {
  const pages = readdirSync(DIST, { recursive: true })
    .filter((name) => name.endsWith('.html') && !name.startsWith('content'))
    .map((name) => path.join(DIST, name));
  assert.ok(pages.length > 50, `${pages.length} pages`);
  assert.ok(pages.includes(path.join(DIST, '404.html')), 'the shell');
  assert.deepEqual(check(pages), []);
});

test('every kind of page, once rendered, is valid HTML', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-html-'));
  const pages = {
    'front.html': '/',
    'article.html': `/${TOP.section.slug}/${TOP.slug}`,
    'author.html': `/author/${STORY.authors[0].slug}`,
    'section.html': `/${TOP.section.slug}`,
    'newsletter.html': '/newsletter',
    'not-found.html': '/no/such/page',
  };
  try {
    const page = await shared.browser.newPage();
    for (const [file, route] of Object.entries(pages)) {
      await page.goto(shared.site.url + route);
      await page.locator('main h1').waitFor();
      await page.locator('.skeleton').waitFor({ state: 'detached' });
      writeFileSync(path.join(dir, file), await page.content());
    }
    await page.close();
    assert.deepEqual(check(Object.keys(pages).map((file) => path.join(dir, file))), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
