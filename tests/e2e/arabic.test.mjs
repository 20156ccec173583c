// The Arabic edition (issue 17) in Chromium: every kind of page in Arabic,
// right to left, passing axe's WCAG 2.2 AA checks in both themes, with no
// sideways scroll on a phone and no English interface word; the started
// page reading as the app renders it alone; the language switch and the
// hreflang alternates both ways; and a signup to the Arabic digests.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DIST,
  NEWSLETTER,
  axeViolations,
  launchBrowser,
  openApp,
  openPage,
  openRenderedAlone,
  siteAndBrowser,
  startSiteWithNewsletter,
} from './support.mjs';

const json = (relative) => JSON.parse(readFileSync(path.join(DIST, relative), 'utf8'));
const SHELL = readFileSync(path.join(DIST, '_shell.html'), 'utf8');

// The Arabic story with an English counterpart, and what its page links to.
const LATEST = json('ar/content/latest/1.json').items;
const PAIRED = LATEST.map((item) => json(`ar/content/articles/${item.slug}.json`)).find((article) => article.counterpart);
const ARTICLE = `/ar/${PAIRED.section.slug}/${PAIRED.slug}`;
const ENGLISH = json(`content/articles/${PAIRED.counterpart.href.split('/').pop()}.json`);
const AUTHOR = PAIRED.authors[0];
const TAG = PAIRED.tags.find((tag) => /[\u0600-\u06FF]/.test(tag.name));
const SECTION = PAIRED.section;
const WORD = PAIRED.headline.split(' ').find((word) => word.length > 3);

const PAGES = [
  { kind: 'front page', route: '/ar', heading: 'آخر الأخبار' },
  { kind: 'article', route: ARTICLE, heading: PAIRED.headline },
  { kind: 'author', route: `/ar/author/${AUTHOR.slug}`, heading: AUTHOR.name },
  { kind: 'section', route: `/ar/${SECTION.slug}`, heading: SECTION.name },
  // The tag's name is isolated in the heading (U+2068 … U+2069), so a Latin one keeps its order.
  { kind: 'tag', route: `/ar/tag/${TAG.slug}`, heading: `الموضوع: \u2068${TAG.name}\u2069` },
  { kind: 'newsletter', route: '/ar/newsletter', heading: 'النشرات البريدية' },
  { kind: 'search', route: `/ar/search?q=${encodeURIComponent(WORD)}`, heading: 'البحث', waitFor: '.search-results mark' },
  { kind: 'not found', route: '/ar/no/such/page', heading: 'الصفحة غير موجودة' },
];

// Interface words of the English edition that must never show on an
// Arabic page (the unit test `the_arabic_table_is_complete_and_has_no_english_word`
// checks the table itself; this checks the pages as a reader gets them).
const ENGLISH_WORDS = [
  'Latest News', 'Min Read', 'About the Author', 'You May Also Like', 'More Insights', 'Share this article',
  'Copy link', 'Subscribe', 'Newsletters', 'Search', 'Dark theme', 'Skip to content', 'Topics in this article',
  'Daily digest', 'Weekly digest', 'Email address', 'Privacy notice', 'Page not found', 'Sections', 'Newer', 'Older',
  'Articles by this author', 'Topic:', 'Nov ', 'Updated', 'By ',
];

const shared = siteAndBrowser();

/** What a reader is shown, interface labels included, less the words in another language (`lang` set on them). */
function shownText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || ['SCRIPT', 'STYLE', 'CODE', 'PRE'].includes(node.tagName)) return;
      if (node.hasAttribute('lang') && node !== document.documentElement && !node.lang.startsWith('ar')) return;
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        if (node.hasAttribute(name)) parts.push(node.getAttribute(name));
      }
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    parts.push(document.title);
    return parts.join(' ');
  });
}

/** The writers' own Latin words on the page (product names, CVE identifiers), which may stay. */
const CONTENT_WORDS = /Microsoft|Exchange|Kubernetes|ingress-nginx|Amazon|S3|OWASP|CVE-[0-9-]+|Altaris|ViewPoint|HMI|API|SIM|VPN|SOC|PKI|OT|IT|AI|DGSSI|name@example\.com/g;


for (const theme of ['light', 'dark']) {
  test(`every kind of Arabic page passes axe's WCAG 2.2 AA checks in the ${theme} theme`, async () => {
    // Only to let the test inject axe: the page's own CSP is checked in cdn.test.mjs.
    const context = await shared.browser.newContext({ bypassCSP: true, colorScheme: theme });
    const found = [];
    for (const { route, heading, waitFor } of PAGES) {
      const page = await context.newPage();
      await page.goto(shared.site.url + route);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      if (waitFor) await page.locator(waitFor).first().waitFor();
      found.push(...(await axeViolations(page)).map((line) => `${route}: ${line}`));
      await page.close();
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}

for (const width of [320, 375]) {
  test(`at ${width} px every Arabic page is right to left, in Arabic only, starts without a warning and never scrolls sideways`, async () => {
    for (const { route, heading, waitFor } of PAGES) {
      const { page, problems } = await openPage(shared.browser);
      await page.setViewportSize({ width, height: 800 });
      await openApp(page, shared.site.url + route);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      if (waitFor) await page.locator(waitFor).first().waitFor();
      const { lang, dir, overflow } = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      assert.deepEqual([lang, dir], ['ar', 'rtl'], route);
      assert.ok(overflow <= 0, `${route} scrolls sideways by ${overflow} px at ${width} px`);
      const shown = (await shownText(page)).replace(CONTENT_WORDS, '');
      for (const word of ENGLISH_WORDS) {
        assert.ok(!shown.includes(word), `${route} shows the English "${word}"`);
      }
      // The document of an address with no page comes with status 404,
      // which Chromium reports as a failed load; nothing else may show.
      const notFound = /^error: Failed to load resource: the server responded with a status of 404/;
      assert.deepEqual(problems.filter((line) => !(route === '/ar/no/such/page' && notFound.test(line))), [], route);
      await page.close();
    }
  });
}

test('the interface writes its numbers in Arabic-Indic digits: dates, reading times and counts', async () => {
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, shared.site.url + ARTICLE);
  const byline = await page.locator('.article-meta').innerText();
  assert.match(byline, /[\u0660-\u0669]+ (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر) [\u0660-\u0669]{4}/);
  assert.match(byline, /(دقيقة واحدة|دقيقتان|[\u0660-\u0669]+ (دقائق|دقيقة)) للقراءة/);
  assert.ok(!/[0-9]/.test(byline), `Latin digits in the byline: ${byline}`);
  // A tag's name takes its own direction: a Latin one keeps its order in the Arabic list.
  const tags = await page.locator('.tag-list a').evaluateAll((links) => links.map((link) => link.dir));
  assert.ok(tags.length > 0 && tags.every((dir) => dir === 'auto'), `${tags}`);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const { kind, route } of PAGES.filter(({ kind }) => !['search', 'not found'].includes(kind))) {
  test(`${kind}: the started Arabic page reads exactly as the app renders it alone`, async () => {
    const { page, problems } = await openPage(shared.browser);
    await openApp(page, shared.site.url + route);
    const started = await page.evaluate(() => document.body.innerText);
    // The same address answered with the bare shell: the app fetches and renders it all.
    const alone = await openRenderedAlone(shared.browser, shared.site.url + route, SHELL);
    await alone.page.locator('.edition-switch').waitFor();
    assert.equal(await alone.page.locator('#preloaded').count(), 0, 'rendered by the app alone');
    assert.deepEqual(
      await alone.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ['ar', 'rtl'],
      'the shell takes the edition\'s language and direction',
    );
    assert.equal(started, await alone.page.evaluate(() => document.body.innerText));
    assert.deepEqual(problems, []);
    assert.deepEqual(alone.problems, []);
    await alone.page.close();
    await page.close();
  });
}

/** The `hreflang` alternates in a page's head, as { language: address }. */
async function alternates(page) {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')].map((link) => [link.hreflang, new URL(link.href).pathname])),
  );
}

test('an article and its counterpart link to each other, in the page and in the head, both ways', async () => {
  const english = `/${ENGLISH.section.slug}/${ENGLISH.slug}`;
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, shared.site.url + english);
  assert.deepEqual(await alternates(page), { en: english, ar: ARTICLE, 'x-default': english });
  const toArabic = page.getByRole('link', { name: 'اقرأ هذا المقال بالعربية' });
  assert.deepEqual(await toArabic.evaluate((link) => [link.lang, link.dir, link.hreflang]), ['ar', 'rtl', 'ar']);
  await toArabic.click();
  await page.getByRole('heading', { level: 1, name: PAIRED.headline }).waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  assert.equal(new URL(page.url()).pathname, ARTICLE);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar', 'the Arabic edition\'s own page, loaded whole');
  assert.deepEqual(await alternates(page), { en: english, ar: ARTICLE, 'x-default': english });
  await page.getByRole('link', { name: 'Read this article in English' }).click();
  await page.getByRole('heading', { level: 1, name: ENGLISH.headline }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the header switches to the other edition: the same page where both have it, else its front page, after an in-app navigation too', async () => {
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, `${shared.site.url}/ar/newsletter`);
  const toEnglish = page.locator('.site-header .edition-switch');
  assert.equal(await toEnglish.innerText(), 'English');
  assert.equal(await toEnglish.getAttribute('lang'), 'en');
  assert.equal(new URL(await toEnglish.evaluate((link) => link.href)).pathname, '/newsletter');
  // An in-app navigation first: the app has taken the page over.
  const section = page.locator('.section-nav a').first();
  const name = await section.innerText();
  await section.click();
  // The section's own heading: the newsletter page's is there until the app has rendered.
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  assert.equal(new URL(await toEnglish.evaluate((link) => link.href)).pathname, '/', 'a section page switches to the front page');
  await toEnglish.click();
  await page.getByRole('heading', { level: 1, name: 'Latest News' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const toArabic = page.locator('.site-header .edition-switch');
  assert.equal(await toArabic.innerText(), 'العربية');
  assert.deepEqual(await alternates(page), { en: '/', ar: '/ar', 'x-default': '/' });
  assert.deepEqual(problems, []);
  await page.close();
});

describe('the Arabic digests', () => {
  let service;
  let browser;
  const arabic = NEWSLETTER.editions.arabic;
  before(async () => {
    service = await startSiteWithNewsletter({ lists: [NEWSLETTER.daily_list, NEWSLETTER.weekly_list, arabic.daily_list, arabic.weekly_list] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    service?.stop();
  });

  test('a reader of the Arabic edition subscribes to its own lists, told in Arabic', async () => {
    const { page, problems } = await openPage(browser);
    await openApp(page, `${service.url}/ar/newsletter`);
    const form = page.locator('#signup-page-title').locator('xpath=..');
    await form.getByRole('button', { name: 'اشترك' }).click();
    await form.getByText('أدخل عنوان بريدك الإلكتروني.').waitFor();
    await form.getByLabel('البريد الإلكتروني', { exact: true }).fill('qari@example.com');
    await form.getByRole('checkbox', { name: /الموجز اليومي/ }).check();
    await form.getByRole('checkbox', { name: /الموجز الأسبوعي/ }).check();
    await form.getByRole('checkbox', { name: /أوافق/ }).check();
    await form.getByRole('button', { name: 'اشترك' }).click();
    await form.getByText(/^بقيت خطوة أخيرة/).waitFor();
    assert.equal(service.sql('SELECT email FROM subscribers'), 'qari@example.com');
    assert.deepEqual(service.sql('SELECT list_uuid FROM subscriptions ORDER BY list_uuid').split('\n'), [arabic.daily_list, arabic.weekly_list].sort());
    assert.deepEqual(problems, []);
    await page.close();
  });
});
