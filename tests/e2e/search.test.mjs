// The site search: Pagefind's index of the release build, asked by the
// app's /search page in Chromium, as a reader types, filters, sorts, pages
// and returns with Back; with the keyboard alone; through a failing
// network; and only on the page that searches.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, openApp, openPage, openRenderedAlone, siteAndBrowser, startFaultyProxy } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const SITE = content('site.json');
const ARTICLES = readdirSync(path.join(DIST, 'content/articles'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => content(`articles/${name}`));

// Every string of an article's body, however deeply its blocks nest.
const strings = (value) =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
const wordsOf = (text) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
const bodyWords = ARTICLES.map((article) => wordsOf(strings(article.body).join(' ')));
// What else of an article its page indexes: the header, the hero's alt,
// caption and credit, the tags.
const headWords = ARTICLES.map((article) =>
  wordsOf(strings([article.headline, article.deck, article.section, article.regions, article.tags, article.hero ?? '', article.authors.map((a) => a.name)]).join(' ')),
);
const pageWords = ARTICLES.map((_, at) => new Set([...bodyWords[at], ...headWords[at]]));
// Pagefind stems words ("breaches" finds "breached"), so a word counts as
// another article's too when that article has any word of its first five
// letters.
const family = (word) => word.slice(0, 5);

// A word only one article uses, and only in its body: the index holds the
// body, not just the headline.
const UNIQUE = (() => {
  for (const [at, words] of bodyWords.entries()) {
    for (const word of [...words].filter((word) => word.length >= 8).sort()) {
      const elsewhere = headWords[at].has(word) || pageWords.some((other, index) => index !== at && [...other].some((w) => family(w) === family(word)));
      if (!elsewhere) return { word, article: ARTICLES[at] };
    }
  }
  throw new Error('no article of the sample newsroom has a word of its own');
})();
// The word most articles use: enough results to filter, sort and page.
const COMMON = (() => {
  const counts = new Map();
  for (const words of pageWords) for (const word of words) if (word.length >= 6) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
})();
// The articles that use it as it is; stemming may find a few more.
const WITH_COMMON = ARTICLES.filter((_, at) => pageWords[at].has(COMMON));

const shared = siteAndBrowser();
const href = (article) => `/${article.section.slug}/${article.slug}`;
const status = (page) => page.locator('.search-status');
const results = (page) => page.locator('.search-results > li');

// Waits until the page shows an answer, not "Searching…".
const settled = (page) => page.waitForFunction(() => /results? for|No results/.test(document.querySelector('.search-status')?.textContent ?? ''));
const count = async (page) => Number((await status(page).textContent()).match(/^(\d+|No) result/)[1].replace('No', '0'));

async function searchFor(page, words, query = '') {
  await openApp(page, `${shared.site.url}/search?q=${encodeURIComponent(words)}${query}`);
  await settled(page);
}

test('a word only one article uses, in its body, finds that article, and the count is announced', async () => {
  const { page, problems } = await openPage(shared.browser);
  await searchFor(page, UNIQUE.word);
  assert.equal(await status(page).textContent(), `1 result for \u201c${UNIQUE.word}\u201d`);
  assert.equal(await status(page).getAttribute('role'), 'status');
  const result = results(page).first();
  const link = result.getByRole('link', { name: UNIQUE.article.headline });
  assert.equal(await link.getAttribute('href'), href(UNIQUE.article));
  assert.equal(await result.locator('.card-section').textContent(), UNIQUE.article.section.name);
  assert.equal(await result.locator('time').getAttribute('datetime'), UNIQUE.article.published);
  // The excerpt shows where the word is, marked.
  assert.equal((await result.locator('mark').first().textContent()).toLowerCase(), UNIQUE.word);
  await link.click();
  await page.getByRole('heading', { level: 1, name: UNIQUE.article.headline, exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, href(UNIQUE.article));
  // Back returns to the search, its words in the field and its results.
  await page.goBack();
  await results(page).first().waitFor();
  assert.equal(await page.locator('#search-words').inputValue(), UNIQUE.word);
  assert.deepEqual(problems, [], 'no CSP violation, console error or warning');
  await page.close();
});

test('the keyboard alone: the header link, typing, Tab to a result, Enter', async () => {
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, shared.site.url + '/');
  let focused = '';
  for (let presses = 0; presses < 30 && focused !== 'Search'; presses += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.equal(focused, 'Search', 'Tab reaches the header\u2019s Search link');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Search', exact: true }).waitFor();
  // The field has focus, where a reader who asked to search types.
  await page.waitForFunction(() => document.activeElement?.id === 'search-words');
  assert.equal(await page.getByLabel('Search for').evaluate((field) => field === document.activeElement), true);
  await page.keyboard.type(UNIQUE.word);
  await page.waitForFunction(() => /1 result for/.test(document.querySelector('.search-status').textContent));
  // Typing put the search in the address, in place.
  assert.equal(new URL(page.url()).searchParams.get('q'), UNIQUE.word);
  for (let presses = 0; presses < 10 && focused !== UNIQUE.article.headline; presses += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.equal(focused, UNIQUE.article.headline, 'Tab reaches the result');
  const visible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(visible, 'none', 'the focused result shows its focus');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: UNIQUE.article.headline, exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('filters and order narrow and sort the results, and live in the address', async () => {
  const { page, problems } = await openPage(shared.browser);
  await searchFor(page, COMMON);
  const total = await count(page);
  assert.ok(total >= WITH_COMMON.length, `${total} results, ${WITH_COMMON.length} articles use “${COMMON}”`);

  // The section with the most of them, so that the filter leaves some out.
  const bySection = (slug) => WITH_COMMON.filter((article) => article.section.slug === slug).length;
  const section = [...SITE.sections].sort((a, b) => bySection(b.slug) - bySection(a.slug))[0];
  await page.getByLabel('Section', { exact: true }).selectOption(section.slug);
  await page.waitForFunction(() => new URL(location.href).searchParams.has('section'));
  await settled(page);
  const inSection = await count(page);
  assert.ok(inSection >= bySection(section.slug) && inSection < total, `${inSection} of ${total} in ${section.slug}`);
  assert.equal(new URL(page.url()).searchParams.get('section'), section.slug);
  for (const name of await page.locator('.search-results .card-section').allTextContents()) assert.equal(name, section.name);

  await page.getByLabel('Section', { exact: true }).selectOption('');
  await page.getByLabel('Order', { exact: true }).selectOption('newest');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'newest' && !new URL(location.href).searchParams.has('section'));
  await settled(page);
  assert.equal(await count(page), total);
  const dates = await page.locator('.search-results time').evaluateAll((times) => times.map((time) => Date.parse(time.getAttribute('datetime'))));
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first, by the instant (offsets differ)');

  // A reload of the address is the same search.
  await page.reload();
  await settled(page);
  assert.equal(await count(page), total);
  assert.equal(await page.getByLabel('Order', { exact: true }).inputValue(), 'newest');
  assert.deepEqual(problems, []);
  await page.close();
});

test('"More results" adds the next ten and moves focus to the first of them', async () => {
  assert.ok(WITH_COMMON.length > 10, `the sample newsroom has ${WITH_COMMON.length} articles using “${COMMON}”`);
  const { page, problems } = await openPage(shared.browser);
  await searchFor(page, COMMON);
  const total = await count(page);
  assert.equal(await results(page).count(), 10);
  assert.match(await page.locator('.search-more').textContent(), new RegExp(`Showing 10 of ${total}`));
  await page.getByRole('button', { name: 'More results' }).click();
  await page.waitForFunction((shown) => document.querySelectorAll('.search-results > li').length === shown, Math.min(20, total));
  await page.waitForFunction(() => document.activeElement?.closest('.search-results > li:nth-child(11)') !== null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('no results in a section says so and offers to search everywhere', async () => {
  const { page, problems } = await openPage(shared.browser);
  // The word of one article, in a section it is not in.
  const elsewhere = SITE.sections.find((section) => section.slug !== UNIQUE.article.section.slug);
  await searchFor(page, UNIQUE.word, `&section=${elsewhere.slug}`);
  assert.equal(await status(page).textContent(), `No results for \u201c${UNIQUE.word}\u201d`);
  await page.getByText('Check the spelling').waitFor();
  await page.getByRole('link', { name: 'Search all sections and regions' }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('section'));
  await page.waitForFunction(() => /^1 result for/.test(document.querySelector('.search-status').textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

test('hostile words stay text', async () => {
  const { page, problems } = await openPage(shared.browser);
  let ran = false;
  page.on('dialog', (dialog) => {
    ran = true;
    dialog.dismiss();
  });
  // Markup, and words that match (Pagefind finds pages with any of the
  // words it knows): the results render beside it.
  const hostile = '<img src=x onerror=alert(1)>ransomware';
  await searchFor(page, hostile);
  assert.match(await status(page).textContent(), new RegExp(`^\\d+ results? for \u201c${hostile.replace(/[()]/g, '\\$&')}\u201d$`));
  assert.equal(await page.locator('.search-page img').count(), 0);
  assert.equal(await page.locator('#search-words').inputValue(), hostile);
  assert.equal(ran, false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a search whose index fails to load says so, and Try again recovers', async () => {
  const proxy = await startFaultyProxy(shared.site.url);
  try {
    const { page } = await openPage(shared.browser);
    proxy.fail('/pagefind/', '500');
    await openApp(page, `${proxy.url}/search?q=${UNIQUE.word}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not load|could not be read/);
    proxy.heal();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.waitForFunction(() => /1 result for/.test(document.querySelector('.search-status').textContent));
    assert.equal(await page.getByRole('alert').count(), 0);
    await page.close();
  } finally {
    proxy.stop();
  }
});

test('pages other than /search load nothing of the search', async () => {
  const { page, problems } = await openPage(shared.browser);
  const asked = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await openApp(page, shared.site.url + href(UNIQUE.article));
  await page.getByRole('heading', { level: 1, name: UNIQUE.article.headline, exact: true }).waitFor();
  await openApp(page, shared.site.url + '/');
  assert.deepEqual(asked.filter((pathname) => pathname.startsWith('/pagefind/')), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('before the app runs, /search is a labelled GET form that says search needs JavaScript', async () => {
  const html = await (await fetch(`${shared.site.url}/search`)).text();
  assert.match(html, /<form[^>]*role="search"[^>]*action="\/search"[^>]*method="get"/);
  assert.match(html, /<label for="search-words">Search for<\/label>/);
  assert.match(html, /<input[^>]*id="search-words"[^>]*name="q"/);
  assert.match(html, /needs JavaScript/);
  for (const section of SITE.sections) assert.ok(html.includes(`href="/${section.slug}"`), section.slug);
});

test('the search page loads its own app: the site\u2019s links to it load it whole, before and after the app takes over', async () => {
  const { page, problems } = await openPage(shared.browser);
  const scripts = [];
  page.on('request', (request) => {
    if (/\/dispatch-(?:page-)?[0-9a-f]+_bg\.wasm$/.test(request.url())) scripts.push(new URL(request.url()).pathname);
  });
  // Before the app takes over: the header's link is a plain link.
  await openApp(page, `${shared.site.url}${href(UNIQUE.article)}`);
  await page.evaluate(() => { window.sameDocument = true; });
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready' && window.sameDocument === undefined);
  // A reader who followed the link means to type; one who reloads the
  // page is left where the browser puts them (a phone would otherwise
  // open its keyboard).
  await page.waitForFunction(() => document.activeElement?.id === 'search-words');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await page.evaluate(() => document.activeElement?.id ?? ''), '', 'no focus in the field after a reload');
  assert.equal(new Set(scripts).size, 2, `the article's own module, then the search page's app: ${scripts}`);

  // After it took over (an in-app way to a section's page): a link the
  // router follows (here one the test adds, as an article's body might
  // hold) loads the search page whole.
  await openApp(page, `${shared.site.url}/`);
  const section = SITE.sections[0];
  await page.locator('.section-nav').getByRole('link', { name: section.name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: section.name, exact: true }).waitFor();
  await page.evaluate((word) => {
    window.sameDocument = true;
    const link = document.createElement('a');
    link.href = `/search?q=${word}`;
    link.textContent = 'find it';
    document.querySelector('main').append(link);
  }, UNIQUE.word);
  await page.getByRole('link', { name: 'find it' }).click();
  await settled(page);
  assert.equal(await page.evaluate(() => window.sameDocument), undefined, 'a new document');
  assert.equal(await status(page).textContent(), `1 result for \u201c${UNIQUE.word}\u201d`);
  // Back returns to the section's page.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: section.name, exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('the site\u2019s app, loaded at /search (a host serving one shell for every page, or the dev server), says search could not start, once', async () => {
  const shell = readFileSync(path.join(DIST, '_shell.html'), 'utf8');
  const { page, problems } = await openRenderedAlone(shared.browser, `${shared.site.url}/search?q=${UNIQUE.word}`, shell);
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.getByText('Search could not start on this page.').waitFor();
  await page.waitForTimeout(500);
  assert.equal(loads, 0, 'the page does not load itself again');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Search');
  assert.deepEqual(problems, []);
  await page.close();
});
