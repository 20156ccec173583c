// Prerendered pages (issue 7): what a crawler or a link unfurler reads
// without running anything; how the app starts on a page without
// replacing it (issue 19: only its interactive parts mount, and the app
// takes over at the first in-app navigation, with the next page's files
// fetched on intent); and how a reader without JavaScript still reads it
// all.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { appModuleOf, appOf, DIST, fetchRaw, launchBrowser, openPage, openRenderedAlone, siteAndBrowser } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const SITE = content('site.json');
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);
const ARTICLE = `/${STORY.section.slug}/${STORY.slug}`;
const AUTHOR = STORY.authors[0];
const TAG = STORY.tags[0];
const SHELL = readFileSync(path.join(DIST, '_shell.html'), 'utf8');
// A prerendered page starts its own module; the app is fetched when the
// reader is about to need it (issue 19, src/page.rs).
const PAGE_MODULE = appOf(`${ARTICLE.slice(1)}.html`);
const APP = appModuleOf(`${ARTICLE.slice(1)}.html`);
const isApp = (pathname) => [APP['.wasm'], APP['.js']].includes(pathname.slice(1));
// The editions' folders in the build: '' for English, 'ar' for Arabic.
const EDITIONS = ['', 'ar'];

const shared = siteAndBrowser();

/** A raw GET, as curl or a crawler makes it. */
async function get(pathname) {
  const { status, body } = await fetchRaw(shared.site.url + pathname);
  return { status, body: body.toString() };
}

/** Every prerendered page in the build, as [address, file]. */
function prerendered() {
  const pages = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'content') walk(full);
      } else if (name.endsWith('.html') && !['404.html', '_shell.html', '_search_shell.html', '_page_shell.html'].includes(name)) {
        const relative = path.relative(DIST, full).split(path.sep).join('/');
        pages.push([relative === 'index.html' ? '/' : `/${relative.slice(0, -'.html'.length)}`, full]);
      }
    }
  };
  walk(DIST);
  return pages.sort();
}

const unescape = (text) => text.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code))).replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The head's `<meta property|name=key content=…>` values for `key`. */
function metaValues(html, key) {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)]
    .filter(([, name]) => name === key)
    .map(([, , value]) => unescape(value));
}

function jsonLd(html) {
  const found = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  return found.map(([, body]) => JSON.parse(body));
}

describe('what a crawler reads', () => {
  test('curl of an article returns its headline, body, author card, OpenGraph tags and JSON-LD', async () => {
    const { status, body } = await get(ARTICLE);
    assert.equal(status, 200);
    const text = (value) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    assert.match(body, new RegExp(`<h1[^>]*>${text(STORY.headline).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h1>`));
    const firstParagraph = STORY.body.find((block) => block.type === 'paragraph').inlines
      .filter((inline) => inline.type === 'text').map((inline) => inline.text)[0];
    assert.ok(body.includes(text(firstParagraph)), 'the body\'s first paragraph');
    assert.ok(body.includes('About the Author'), 'the author card');
    assert.ok(body.includes(`${text(AUTHOR.name)}</`) && body.includes(text(AUTHOR.role)), 'the author\'s name and role');
    assert.deepEqual(metaValues(body, 'og:title'), [STORY.headline]);
    assert.equal(jsonLd(body)[0].headline, STORY.headline);
  });

  test('every prerendered page has a complete head with absolute URLs', () => {
    const pages = prerendered();
    // In each edition: the front page, the newsletter and search pages,
    // every article, and every page of every author, section, region and tag.
    let expected = 0;
    for (const edition of EDITIONS) {
      const folder = path.join(DIST, edition, 'content');
      const listingPages = (dir) => readdirSync(path.join(folder, dir)).filter((name) => !name.includes('.'))
        .map((slug) => readdirSync(path.join(folder, dir, slug)).filter((name) => /^\d+\.json$/.test(name)).length)
        .reduce((sum, pages) => sum + pages, 0);
      const articles = readdirSync(path.join(folder, 'articles')).filter((name) => name.endsWith('.json')).length;
      const listings = ['authors', 'sections', 'regions', 'tags'].map(listingPages).reduce((sum, pages) => sum + pages, 0);
      expected += 3 + articles + listings;
    }
    assert.ok(pages.some(([address]) => /^\/region\/[^/]+\/page\/2$/.test(address)), 'a region\'s second page');
    assert.ok(pages.some(([address]) => address === '/ar'), 'the Arabic front page');
    assert.equal(pages.length, expected);
    for (const [address, file] of pages) {
      const html = readFileSync(file, 'utf8');
      const url = SITE.url + encodeURI(address);
      const one = (key) => {
        const values = metaValues(html, key);
        assert.equal(values.length, 1, `${address}: one ${key}`);
        return values[0];
      };
      assert.equal([...html.matchAll(/<title>/g)].length, 1, `${address}: one title`);
      assert.match(html, new RegExp(`<link rel="canonical" href="${url.replace(/[.?]/g, '\\$&')}">`), `${address}: canonical`);
      assert.match(html, /<link rel="alternate" type="application\/feed\+json"/, `${address}: feed autodiscovery`);
      assert.match(html, /<link rel="alternate" type="application\/rss\+xml"/, `${address}: feed autodiscovery`);
      assert.equal(one('og:url'), url);
      assert.equal(one('og:description'), one('description'), `${address}: one description everywhere`);
      assert.equal(one('twitter:description'), one('description'));
      assert.ok(one('og:title').length > 0);
      for (const key of ['og:image', 'twitter:image']) assert.ok(one(key).startsWith(`${SITE.url}/`), `${address}: ${key} is absolute`);
      assert.ok(Number(one('og:image:width')) > 0 && Number(one('og:image:height')) > 0, `${address}: image size`);
      assert.ok(one('og:image:alt').length > 0, `${address}: image alt`);
      const isArticle = one('og:type') === 'article';
      // The site's card, or an article's own: a large raster card on every page.
      assert.equal(one('twitter:card'), 'summary_large_image', address);
      // The page's files, embedded for the app's start: none can close the script.
      const embedded = html.match(/<script type="application\/json" id="preloaded">([\s\S]*?)<\/script>/)[1];
      assert.ok(!embedded.includes('<'), `${address}: < is escaped`);
      assert.equal(JSON.parse(embedded).route, address);
      assert.equal(jsonLd(html).length, isArticle ? 1 : 0, address);
    }
  });

  test('every article\'s JSON-LD is a NewsArticle with its dates, authors, image and publisher', () => {
    for (const [address, file] of prerendered()) {
      const html = readFileSync(file, 'utf8');
      if (metaValues(html, 'og:type')[0] !== 'article') continue;
      const edition = address.startsWith('/ar/') ? 'ar' : '';
      const article = JSON.parse(readFileSync(path.join(DIST, edition, 'content/articles', `${address.split('/').pop()}.json`), 'utf8'));
      const site = JSON.parse(readFileSync(path.join(DIST, edition, 'content/site.json'), 'utf8'));
      const prefix = edition ? `/${edition}` : '';
      const [data] = jsonLd(html);
      assert.equal(data['@context'], 'https://schema.org');
      assert.equal(data['@type'], 'NewsArticle');
      assert.equal(data.headline, article.headline);
      assert.equal(data.datePublished, article.published);
      assert.equal(data.dateModified, article.updated ?? article.published);
      assert.equal(data.inLanguage, site.language);
      assert.deepEqual(data.author, article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: `${SITE.url}${prefix}/author/${author.slug}` })));
      if (article.hero) {
        assert.equal(data.image[0].url, SITE.url + article.hero.src);
        assert.equal(data.image[0].width, article.hero.width);
      }
      assert.equal(data.publisher['@type'], 'Organization');
      assert.equal(data.publisher.name, site.name);
      assert.ok(data.publisher.logo.url.startsWith(`${SITE.url}/`));
      assert.deepEqual(metaValues(html, 'article:published_time'), [article.published]);
      assert.deepEqual(metaValues(html, 'article:author'), article.authors.map((author) => `${SITE.url}${prefix}/author/${author.slug}`));
      assert.deepEqual(metaValues(html, 'article:section'), [article.section.name]);
      assert.deepEqual(metaValues(html, 'article:tag'), article.tags.map((tag) => tag.name));
    }
  });
});

/**
 * Opens `address` with the wasm held back until the prerendered page has
 * been marked, so the test can tell the page kept (the same nodes) from
 * the page replaced. Returns once the app has started.
 */
async function openStarted(address, beforeApp = async () => {}) {
  const { page, problems } = await openPage(shared.browser);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(shared.site.url + address, { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => {
    document.querySelector('main h1').dataset.beforeWasm = 'yes';
    window.dispatchStarted = new Promise((resolve) => addEventListener('TrunkApplicationStarted', resolve));
    window.shifts = [];
    new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value)))
      .observe({ type: 'layout-shift', buffered: true });
  });
  await beforeApp(page);
  release();
  await page.evaluate(() => window.dispatchStarted.then(() => true));
  // The page's parts mount one task after another once the app runs.
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  return { page, problems, requests };
}

describe('the app starting on a prerendered page', () => {
  test('an article starts without a warning, a fetch of its files, or a shift, and its parts work', async () => {
    const { page, problems, requests } = await openStarted(ARTICLE);
    // The very heading the HTML brought, not a new one.
    assert.equal(await page.locator('main h1').getAttribute('data-before-wasm'), 'yes');
    const fetched = requests.filter((pathname) => pathname.startsWith('/content/') && pathname.endsWith('.json'));
    assert.deepEqual(fetched, [], 'the page\'s files came with it');
    // The page's interactive parts work straight away: the theme switch,
    // and the share links' Copy link.
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const before = await toggle.getAttribute('aria-pressed');
    await toggle.click();
    assert.notEqual(await toggle.getAttribute('aria-pressed'), before);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.site.url });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.share-status', { hasText: 'Link copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${SITE.url}${ARTICLE}`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await page.evaluate(() => window.shifts), [], 'nothing moved');
    assert.equal(await page.locator('head meta[name="description"]').count(), 1);
    assert.equal(await page.title(), `${STORY.headline} | ${SITE.name}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a campaign-tagged address starts on its page too', async () => {
    const { page, problems, requests } = await openStarted(`${ARTICLE}?utm_source=newsletter&utm_medium=email`);
    assert.equal(await page.locator('main h1').getAttribute('data-before-wasm'), 'yes');
    assert.deepEqual(requests.filter((pathname) => pathname.endsWith('.json')), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a form filled in before the app runs keeps what was typed, and sends only through the app', async () => {
    const typed = 'reader@example.com';
    const { page, problems } = await openStarted(ARTICLE, async (early) => {
      assert.equal(await early.locator('#signup-article-email').evaluate((input) => input.form.querySelector('button[type=submit]').disabled), true, 'disabled until the app runs');
      await early.locator('#signup-article-email').fill(typed);
      await early.locator('#signup-article-consent').check();
      await early.locator('.newsletter-form input[name=daily]').first().check();
    });
    assert.equal(await page.locator('#signup-article-email').inputValue(), typed);
    assert.equal(await page.locator('#signup-article-consent').isChecked(), true);
    // The newsletter service, answering as listmonk does: what reaches it
    // is what the reader typed before the app ran.
    const sent = [];
    await page.route('**/api/public/subscription', async (route) => {
      sent.push(route.request().postDataJSON());
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"data":{"has_optin":true}}' });
    });
    await page.locator('.newsletter-form button[type=submit]').click();
    await page.locator('#signup-article-title ~ .newsletter-status', { hasText: 'Open the link in it to confirm' }).waitFor();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].email, typed);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("an article's own module stays within a quarter of the stack it reserves, with every part used", async () => {
    // build.rs sets it; rustc's wasm32 default, 1 MiB, was most of the
    // page's memory (issue 19). The stack comes first in linear memory
    // and grows down from its top, so the lowest byte written in it marks
    // the deepest the module has gone.
    const reserved = Number(readFileSync(new URL('../../build.rs', import.meta.url), 'utf8').match(/PAGE_STACK_BYTES: u32 = ([\d_]+);/)[1].replaceAll('_', ''));
    const { page, problems } = await openStarted(ARTICLE);
    await page.evaluate(() => window.dispatchStarted.then((event) => { window.pageMemory = event.detail.wasm.memory; }));
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.site.url });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.share-status', { hasText: 'Link copied' }).waitFor();
    await page.route('**/api/public/subscription', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"data":{"has_optin":true}}' }));
    await page.locator('#signup-article-email').fill('not an address');
    await page.locator('#signup-article-consent').check();
    await page.locator('.newsletter-form input[name=daily]').first().check();
    await page.locator('.newsletter-form button[type=submit]').click();
    await page.locator('#signup-article-email').fill('reader@example.com');
    await page.locator('.newsletter-form button[type=submit]').click();
    await page.locator('#signup-article-title ~ .newsletter-status', { hasText: 'Open the link in it to confirm' }).waitFor();
    const { used, memory } = await page.evaluate((reserved) => {
      const stack = new Uint8Array(window.pageMemory.buffer, 0, reserved);
      return { used: reserved - stack.findIndex((byte) => byte !== 0), memory: window.pageMemory.buffer.byteLength };
    }, reserved);
    assert.ok(used > 0 && used <= reserved / 4, `stack used: ${used} of ${reserved} bytes`);
    assert.ok(memory < 1024 * 1024, `the module's memory is ${memory} bytes: the reservation did not take`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the newsletter form mounts when the reader comes near it, or moves focus into it, and at once for a returning subscriber', async () => {
    // A phone's screen, on which the article's call to action is more
    // than a screen below the one it mounts ahead of.
    const onPhone = async (early) => {
      await early.setViewportSize({ width: 390, height: 844 });
      // The new width lays the page out again: shifts count from here.
      await early.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await early.evaluate(() => { window.shifts.length = 0; });
      await early.locator('#signup-article-title').evaluate((title) => { title.closest('section').dataset.prerendered = 'yes'; });
    };
    const prerendered = (page) => page.locator('section.newsletter[data-prerendered=yes]').count();
    const submit = (page) => page.locator('#signup-article-email').evaluate((input) => input.form.querySelector('button[type=submit]').disabled);

    // Scrolling: the form is the prerendered one until the reader comes
    // near it, and then it works.
    const scrolled = await openStarted(ARTICLE, onPhone);
    assert.ok(await scrolled.page.locator('#signup-article-title').evaluate((title) => title.getBoundingClientRect().top > 2 * innerHeight), 'far below the screen');
    assert.equal(await prerendered(scrolled.page), 1, 'not mounted at start');
    assert.equal(await submit(scrolled.page), true);
    await scrolled.page.locator('.about-authors').evaluate((section) => section.scrollIntoView());
    await scrolled.page.waitForFunction(() => !document.querySelector('section.newsletter[data-prerendered=yes]'));
    assert.equal(await submit(scrolled.page), false, 'the mounted form sends');
    assert.deepEqual(await scrolled.page.evaluate(() => window.shifts), [], 'nothing moved');
    assert.deepEqual(scrolled.problems, []);
    await scrolled.page.close();

    // A keyboard: focus moves into the waiting form, which mounts with
    // the focus and every character typed kept. The share links just
    // above it are focused without scrolling (a screen above them the
    // form would mount already), so the Tab is what brings it in view.
    const tabbed = await openStarted(ARTICLE, onPhone);
    await tabbed.page.locator('.share a, .share button').last().evaluate((link) => link.focus({ preventScroll: true }));
    await tabbed.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await prerendered(tabbed.page), 1, 'still waiting before the Tab');
    await tabbed.page.keyboard.press('Tab');
    await tabbed.page.keyboard.type('reader@example.com');
    await tabbed.page.waitForFunction(() => !document.querySelector('section.newsletter[data-prerendered=yes]'));
    assert.equal(await tabbed.page.evaluate(() => document.activeElement.id), 'signup-article-email');
    assert.equal(await tabbed.page.locator('#signup-article-email').inputValue(), 'reader@example.com');
    assert.deepEqual(tabbed.problems, []);
    await tabbed.page.close();

    // A reader who signed up on this device is told so by the form, which
    // therefore mounts at start, wherever it is.
    const returning = await openStarted(ARTICLE, async (early) => {
      await onPhone(early);
      await early.evaluate(() => localStorage.setItem('dispatch-newsletter-subscribed', JSON.stringify({ daily: true, weekly: false })));
    });
    assert.equal(await prerendered(returning.page), 0, 'mounted at start');
    assert.match(await returning.page.locator('.newsletter-remembered').first().textContent(), /daily digest/);
    assert.deepEqual(returning.problems, []);
    await returning.page.close();
  });

  test('the first in-app navigation takes the page over, and Back returns to it', async () => {
    const { page, problems, requests } = await openStarted(ARTICLE);
    await page.evaluate(() => {
      window.sameDocument = true;
      window.firstAnnouncer = document.getElementById('route-announcer');
      window.announcerLeft = false;
      new MutationObserver((records) => {
        if (records.some((record) => [...record.removedNodes].includes(window.firstAnnouncer))) window.announcerLeft = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.locator('.article-section a').click();
    await page.getByRole('heading', { level: 1, name: STORY.section.name }).waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
    assert.ok(requests.includes(`/content/sections/${STORY.section.slug}/1.json`), 'the next page fetched its JSON');
    assert.equal(await page.title(), `${STORY.section.name} | ${SITE.name}`);
    assert.equal(await page.locator('head meta[name="description"]').count(), 1);
    // Announced and focused as any in-app navigation is.
    await page.waitForFunction(() => document.getElementById('route-announcer').textContent !== '');
    assert.equal(await page.locator('#route-announcer').textContent(), STORY.section.name);
    assert.equal(
      await page.evaluate(() => document.getElementById('route-announcer') === window.firstAnnouncer),
      true,
      'the live region is the one the page loaded with, not one added with the change',
    );
    assert.equal(await page.evaluate(() => window.announcerLeft), false, 'the live region never left the document');
    assert.equal(await page.locator('[aria-live]#route-announcer').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), STORY.section.name);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'Back stays in the app');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the takeover keeps the header, whose parts still work, and an article's first screen comes before the rest", async () => {
    const { page, problems } = await openStarted('/');
    await page.evaluate(() => {
      window.firstHeader = document.querySelector('.site-header');
      window.firstSkip = document.querySelector('.skip-link');
    });
    await page.locator(`main a[href="${ARTICLE}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('.site-header') === window.firstHeader), true, 'the header is the one the page loaded with');
    assert.equal(await page.evaluate(() => document.querySelector('.skip-link') === window.firstSkip), true);
    assert.equal(await page.locator('.site-header').count(), 1);
    assert.equal(await page.locator('main').count(), 1);
    // The app's header marks the search link for the router; the kept one is marked alike.
    assert.equal(await page.locator(`.site-header a[href="/search"]`).getAttribute('rel'), 'external');
    // The theme switch answers the app now.
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await theme();
    await page.locator('.site-header .theme-toggle').click();
    await page.waitForFunction((was) => document.documentElement.dataset.theme !== was, before);
    // Below the first screen, everything comes, and no screen is held for it any more.
    await page.locator('.about-authors').waitFor();
    await page.getByRole('region', { name: 'You May Also Like' }).waitFor();
    assert.equal(await page.locator('.later').count(), 0);
    assert.equal(await page.locator('main .article-body > *').count(), STORY.body.length);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Back after the takeover returns to where the reader had scrolled on the first page', async () => {
    const { page, problems } = await openStarted(ARTICLE);
    const related = page.locator('main a[href]').filter({ hasText: STORY.related[0].headline }).first();
    await related.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 0, 'the related story is down the page');
    await related.click();
    await page.getByRole('heading', { level: 1, name: STORY.related[0].headline }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    await page.waitForFunction((expected) => Math.abs(window.scrollY - expected) <= 1, y);
    assert.deepEqual(problems, []);
    await page.close();
  });

  const articleFile = `/content/articles/${STORY.slug}.json`;
  const frontPageLink = (page) => page.locator(`main a[href="${ARTICLE}"]`).first();

  test('a link a reader points at has its page fetched ahead, which then shows with no request at the click', async () => {
    const { page, problems, requests } = await openStarted('/');
    const ahead = ['/content/insights.json', articleFile].map((file) => page.waitForResponse((response) => new URL(response.url()).pathname === file));
    await frontPageLink(page).hover();
    await Promise.all(ahead);
    const before = requests.length;
    await page.evaluate(() => { window.sameDocument = true; });
    await frontPageLink(page).click();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    assert.deepEqual(requests.slice(before).filter((pathname) => pathname.startsWith('/content/')), [], 'nothing fetched at the click');
    assert.equal(await page.locator('.skeleton').count(), 0);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the first article fetched ahead is rehearsed out of sight, once, with the window\'s address, history, title and head untouched and no image loaded; the click shows the article', async () => {
    // A story below the lead, with a photograph of its own, which the
    // front page does not show at the hero's size.
    const rehearsed = content('latest/1.json').items.slice(1)
      .map((item) => content(`articles/${item.slug}.json`))
      .find((article) => article.hero?.src.startsWith('/img/'));
    assert.ok(rehearsed, 'the sample\'s front page has a story with a photograph below its lead');
    const address = `/${rehearsed.section.slug}/${rehearsed.slug}`;
    // The window's history, as the Navigation API reports each change to
    // it (a push or a replacement of the current entry, which Chromium
    // records in the browser's history), and every change to the head
    // (the title, the description), from before the app starts.
    const { page, problems, requests } = await openStarted('/', (page) => page.evaluate(() => {
      window.entryChanges = [];
      navigation.addEventListener('currententrychange', () => window.entryChanges.push(location.href));
      window.headChanges = 0;
      new MutationObserver((records) => { window.headChanges += records.length; })
        .observe(document.head, { childList: true, subtree: true, characterData: true, attributes: true });
    }));
    // What a reader, a screen reader or a script could see of the page.
    const seen = () => page.evaluate(() => ({
      address: location.href,
      title: document.title,
      head: document.head.innerHTML,
      headChanges: window.headChanges,
      body: document.body.innerHTML,
      history: history.length,
      entries: navigation.entries().map((entry) => entry.url),
      entryChanges: window.entryChanges.length,
      shifts: window.shifts.length,
      scroll: [scrollY, history.scrollRestoration],
      focus: document.activeElement === document.body,
    }));
    const link = page.locator(`main a[href="${address}"]`).first();
    // In view, with its card's picture loaded.
    await link.scrollIntoViewIfNeeded();
    await link.locator('xpath=ancestor::article[1]').locator('img').evaluate((img) => img.complete || new Promise((loaded) => img.addEventListener('load', loaded, { once: true })));
    const before = await seen();
    const intent = requests.length;
    // The headline's link wraps: its first line starts at its box's corner.
    const box = await link.boundingBox();
    await page.mouse.move(box.x + 4, box.y + 4);
    await page.waitForFunction(() => performance.getEntriesByName('dispatch-rehearsed').length === 1);
    assert.deepEqual(await page.evaluate(() => performance.getEntriesByName('dispatch-rehearsed')[0].detail), { rendered: true }, 'the article rendered');
    assert.deepEqual(await seen(), before);
    assert.deepEqual([before.entryChanges, before.headChanges], [0, 0]);
    // Its files fetched ahead (the front page's own pictures may still be
    // arriving as they come near the reader's sight; the hero is checked
    // at the click).
    assert.deepEqual(requests.slice(intent).filter((pathname) => pathname.endsWith('.json')).sort(), [`/content/articles/${rehearsed.slug}.json`, '/content/insights.json']);
    // Another article's intent: fetched ahead, not rehearsed again (were it
    // rehearsed, its mark would come two tasks after its file's arrival).
    const next = content('latest/1.json').items.find((item) => item.slug !== rehearsed.slug);
    const nextFile = `/content/articles/${next.slug}.json`;
    const nextLink = page.locator(`main a[href="/${next.section.slug}/${next.slug}"]`).first();
    await nextLink.scrollIntoViewIfNeeded();
    const beforeNext = await seen();
    await nextLink.hover();
    await page.waitForFunction((file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(file)), nextFile);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    assert.equal(await page.evaluate(() => performance.getEntriesByName('dispatch-rehearsed').length), 1);
    assert.deepEqual(await seen(), beforeNext);
    // The rehearsal took nothing the click needs.
    const clicked = requests.length;
    await link.click();
    await page.getByRole('heading', { level: 1, name: rehearsed.headline }).waitFor();
    assert.deepEqual(requests.slice(clicked).filter((pathname) => pathname.startsWith('/content/')), [], 'nothing fetched at the click');
    await page.waitForFunction((headline) => document.activeElement?.textContent === headline, rehearsed.headline);
    assert.equal(await page.title(), `${rehearsed.headline} | ${SITE.name}`);
    assert.equal(await page.locator('head meta[name="description"]').count(), 1);
    assert.equal(new URL(page.url()).pathname, address);
    // The click's one change to the history: the article's entry.
    assert.deepEqual(await page.evaluate(() => window.entryChanges.map((href) => new URL(href).pathname)), [address]);
    // Its hero, at the size the article shows it (not the card's), was
    // not loaded before the click: not by the rehearsal.
    const hero = await page.locator('main article.article img').first().evaluate((img) => new URL(img.currentSrc).pathname);
    assert.ok(!requests.slice(0, clicked).includes(hero), `${hero} loaded before the click`);
    assert.ok(requests.slice(clicked).includes(hero), `${hero} loads at the click`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a fetch ahead that fails changes nothing: the click fetches the page as usual', async () => {
    const { page, problems, requests } = await openStarted('/');
    const attempts = [];
    await page.route(`**${articleFile}`, (route) => {
      attempts.push(route.request().url());
      return attempts.length === 1 ? route.abort('connectionreset') : route.continue();
    });
    const failed = page.waitForEvent('requestfailed', (request) => request.url().endsWith(articleFile));
    await frontPageLink(page).hover();
    await failed;
    assert.equal(attempts.length, 1, 'fetched ahead once, and failed');
    await frontPageLink(page).click();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    assert.equal(attempts.length, 2, 'fetched again at the click');
    assert.ok(requests.includes(articleFile));
    // The browser reports the failed request itself; the app said nothing.
    assert.deepEqual(problems.filter((problem) => !problem.includes('net::ERR_CONNECTION_RESET')), []);
    await page.close();
  });

  test('nothing is fetched ahead for a reader saving data', async () => {
    const { page, problems } = await openPage(shared.browser);
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) }));
    const fetched = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(shared.site.url + '/');
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    await frontPageLink(page).hover();
    await frontPageLink(page).focus();
    // Ten times the pointer's resting time, for a fetch that must not come.
    await page.waitForTimeout(650);
    assert.deepEqual(fetched.filter((pathname) => pathname.startsWith('/content/') && pathname.endsWith('.json')), []);
    await frontPageLink(page).click();
    await page.getByRole('heading', { level: 1, name: STORY.headline }).waitFor();
    assert.ok(fetched.includes(articleFile), 'the click still fetches it');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an article starts its own module, and fetches the app near its end, without running it', async () => {
    const { page, problems, requests } = await openStarted(ARTICLE, (early) => early.setViewportSize({ width: 390, height: 844 }));
    assert.ok(requests.includes(`/${PAGE_MODULE['.wasm']}`), 'the page\'s own module');
    await page.waitForTimeout(500);
    assert.deepEqual(requests.filter(isApp), [], 'no app for a reader at the top of the article');
    const fetched = page.waitForResponse((response) => new URL(response.url()).pathname === `/${APP['.wasm']}`);
    await page.locator('footer.site-footer').evaluate((footer) => footer.scrollIntoView());
    await fetched;
    assert.ok(requests.includes(`/${APP['.js']}`), 'the app\'s glue');
    // Fetched, not run: the page is still the one that arrived, its parts
    // the page module's, and the app takes it only at a click.
    await page.waitForTimeout(300);
    assert.equal(await page.locator('main h1').getAttribute('data-before-wasm'), 'yes');
    assert.equal(await page.locator('#route-announcer').count(), 1);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    const before = await toggle.getAttribute('aria-pressed');
    await toggle.click();
    assert.notEqual(await toggle.getAttribute('aria-pressed'), before, 'the theme switch still works');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('on an article, what was fetched ahead goes to the app with the page, and shows with no request at the click', async () => {
    const { page, problems, requests } = await openStarted(ARTICLE);
    const related = page.locator('main a[href]').filter({ hasText: STORY.related[0].headline }).first();
    const file = `/content/articles/${STORY.related[0].slug}.json`;
    const ahead = page.waitForResponse((response) => new URL(response.url()).pathname === file);
    const app = page.waitForResponse((response) => new URL(response.url()).pathname === `/${APP['.wasm']}`);
    await related.hover();
    await Promise.all([ahead, app]);
    const before = requests.length;
    await page.evaluate(() => { window.sameDocument = true; });
    await related.click();
    await page.getByRole('heading', { level: 1, name: STORY.related[0].headline }).waitFor();
    assert.deepEqual(requests.slice(before).filter((pathname) => pathname.startsWith('/content/')), [], 'nothing fetched at the click');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a reader saving data downloads the app only at the first in-app click, which then shows the page in place', async () => {
    const { page, problems } = await openPage(shared.browser);
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) }));
    const fetched = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(shared.site.url + ARTICLE);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    const related = page.locator('main a[href]').filter({ hasText: STORY.related[0].headline }).first();
    await related.hover();
    await page.waitForTimeout(1000);
    assert.deepEqual(fetched.filter(isApp), [], 'no app before the click');
    await page.evaluate(() => { window.sameDocument = true; });
    await related.click();
    await page.getByRole('heading', { level: 1, name: STORY.related[0].headline }).waitFor();
    assert.equal(fetched.filter(isApp).length, 2, 'the app, fetched at the click');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an app that failed to load at an intent is asked for again at the click, at a new address', async () => {
    const { page, problems } = await openPage(shared.browser);
    const asked = [];
    await page.route((url) => isApp(url.pathname), (route) => {
      asked.push(new URL(route.request().url()).search);
      return asked.length === 1 ? route.abort('connectionreset') : route.continue();
    });
    await page.goto(shared.site.url + ARTICLE);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    const section = page.locator('.article-section a');
    await section.hover();
    await page.waitForTimeout(500);
    assert.deepEqual(asked, [''], 'the first load failed');
    await page.evaluate(() => { window.sameDocument = true; });
    await section.click();
    await page.getByRole('heading', { level: 1, name: STORY.section.name }).waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the app took the page');
    assert.equal(asked[1], '?retry=1');
    // The browser reports the failed request and the failed import; the page said nothing else.
    assert.deepEqual(problems.filter((problem) => !/net::ERR_CONNECTION_RESET|Failed to fetch dynamically imported module/.test(problem)), []);
    await page.close();
  });

  test('if the app cannot be fetched, the click loads the page it leads to', async () => {
    const { page, problems } = await openPage(shared.browser);
    // The app cannot be fetched for the article; the section page it
    // leads to then starts the app as usual.
    await page.route((url) => isApp(url.pathname), (route) => (
      new URL(route.request().frame().url()).pathname === ARTICLE ? route.abort('connectionreset') : route.continue()
    ));
    await page.goto(shared.site.url + ARTICLE);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    await page.evaluate(() => { window.sameDocument = true; });
    await page.locator('.article-section a').click();
    await page.getByRole('heading', { level: 1, name: STORY.section.name }).waitFor();
    await page.waitForURL(`**/${STORY.section.slug}`);
    assert.equal(await page.evaluate(() => window.sameDocument), undefined, 'a page load');
    // The browser reports the failed requests itself; the page said nothing.
    assert.deepEqual(problems.filter((problem) => !problem.includes('net::ERR_CONNECTION_RESET')), []);
    await page.close();
  });

  for (const [kind, address] of [
    ['front page', '/'],
    ['article', ARTICLE],
    ['author', `/author/${AUTHOR.slug}`],
    ['section', `/${STORY.section.slug}`],
    ['region', '/region/asia-pacific'],
    ['tag', `/tag/${TAG.slug}`],
    ['newsletter', '/newsletter'],
  ]) {
    test(`${kind}: the started page reads exactly as the app renders it alone`, async () => {
      const { page, problems } = await openStarted(address);
      const started = await page.evaluate(() => document.body.innerText);
      // The same address answered with the bare shell: the app fetches and renders it all.
      const alone = await openRenderedAlone(shared.browser, shared.site.url + address, SHELL);
      assert.equal(await alone.page.locator('#preloaded').count(), 0, 'rendered by the app alone');
      assert.equal(started, await alone.page.evaluate(() => document.body.innerText));
      assert.deepEqual(problems, []);
      assert.deepEqual(alone.problems, []);
      await alone.page.close();
      await page.close();
    });
  }

  test('an address with no file of its own goes through the app', async () => {
    // The second page of a region: its address serves the first page's
    // file, which the app sees is not for this address and renders anew.
    const regions = readdirSync(path.join(DIST, 'content/regions'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const paged = regions.map((entry) => entry.name).find((slug) => content(`regions/${slug}/1.json`).older >= 2);
    assert.ok(paged, 'a region with a second page');
    const second = content(`regions/${paged}/2.json`);
    const { page, problems } = await openPage(shared.browser);
    await page.goto(`${shared.site.url}/region/${paged}?page=2`);
    await page.getByRole('link', { name: second.items[0].headline }).first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('without JavaScript', () => {
  test('an article reads whole, and every link on it leads to a readable page', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(shared.site.url + ARTICLE);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), STORY.headline);
      assert.ok((await page.locator('.article-body p').count()) >= 2, 'the body');
      const card = page.locator('.about-authors');
      assert.match(await card.innerText(), new RegExp(AUTHOR.role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => anchor.href));
      const local = [...new Set(links.filter((href) => href.startsWith(shared.site.url)).map((href) => href.split('#')[0]))];
      assert.ok(local.length > 20, `${local.length} links`);
      for (const href of local) {
        const { status, body } = await get(href.slice(shared.site.url.length));
        assert.equal(status, 200, href);
        assert.match(body, /<main id="main"[^>]*><[a-z]+[^>]*>[\s\S]*<h1/, `${href} has its content`);
      }
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
