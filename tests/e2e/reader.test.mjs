// Walking the site as a reader: front page, article, author, related
// stories and listings, with the mouse and with the keyboard alone.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DIST, openApp, openPage, siteAndBrowser, startFaultyProxy } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);
const AUTHOR = STORY.authors[0];
const RELATED = STORY.related[0];

const shared = siteAndBrowser();

const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

test('front page → article → author → one of their stories, and Back twice returns to the article', async () => {
  const { page, problems } = await openPage(shared.browser);
  // In-app navigation from the first click on (the focus and announcement
  // below are the app's).
  await openApp(page, shared.site.url + '/');
  await page.getByRole('link', { name: TOP.headline }).first().click();
  await heading(page, TOP.headline);

  await page.locator('.article-byline').getByRole('link', { name: AUTHOR.name }).click();
  await heading(page, AUTHOR.name);
  // An in-app navigation moves focus to the new page's heading and
  // announces the page, as a full load would.
  await page.waitForFunction((name) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === name, AUTHOR.name);
  await page.waitForFunction(() => document.getElementById('route-announcer').textContent !== '');
  assert.equal(await page.locator('#route-announcer').textContent(), AUTHOR.name);
  assert.equal(new URL(page.url()).pathname, `/author/${AUTHOR.slug}`);
  assert.equal(await page.locator('.author-role').innerText(), AUTHOR.role);
  const listed = content(`authors/${AUTHOR.slug}/1.json`).items;
  const other = listed.find((item) => item.slug !== TOP.slug) ?? listed[0];
  await page.getByRole('link', { name: other.headline }).click();
  await heading(page, other.headline);

  await page.goBack();
  await heading(page, AUTHOR.name);
  await page.goBack();
  await heading(page, TOP.headline);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an article shows tags, the author card, share links, related stories and insights', async () => {
  const { page, problems } = await openPage(shared.browser);
  await page.goto(`${shared.site.url}/${TOP.section.slug}/${TOP.slug}`);
  await heading(page, TOP.headline);
  const tags = page.getByRole('navigation', { name: 'Topics in this article' });
  assert.equal(await tags.getByRole('link').count(), STORY.tags.length);
  assert.equal(await page.locator('.about-authors .author-card').count(), STORY.authors.length);
  assert.match(await page.getByRole('link', { name: 'LinkedIn' }).getAttribute('href'), /^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?url=https%3A%2F%2F/);
  await page.getByRole('region', { name: 'More Insights' }).waitFor();
  const rail = page.getByRole('region', { name: 'You May Also Like' });
  assert.equal(await rail.locator('.article-card').count(), STORY.related.length);

  await rail.getByRole('link', { name: RELATED.headline }).click();
  await heading(page, RELATED.headline);
  await page.goBack();
  await heading(page, TOP.headline);

  await tags.getByRole('link', { name: STORY.tags[0].name }).click();
  await heading(page, `Topic: ${STORY.tags[0].name}`);
  assert.ok(await page.getByRole('link', { name: TOP.headline }).count() >= 1, 'the tag page lists the article');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: TOP.section.name }).click();
  await heading(page, TOP.section.name);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard alone reaches the skip link, the sections and an article', async () => {
  const { page, problems } = await openPage(shared.browser);
  await page.goto(shared.site.url + '/');
  await page.getByRole('link', { name: TOP.headline }).first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  let focused = '';
  for (let presses = 0; presses < 60 && focused !== TOP.headline; presses += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.textContent.trim());
  }
  assert.equal(focused, TOP.headline, 'Tab reaches the top story');
  await page.keyboard.press('Enter');
  await heading(page, TOP.headline);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the front page leads with the top story and has a rail per region', async () => {
  const { page, problems } = await openPage(shared.browser);
  await page.goto(shared.site.url + '/');
  const lead = page.locator('.article-card.lead');
  await lead.getByRole('link', { name: TOP.headline }).waitFor();
  assert.equal(await lead.locator('img').getAttribute('fetchpriority'), 'high');
  for (const region of ['middle-east-africa', 'asia-pacific']) {
    const listing = content(`regions/${region}/1.json`);
    const rail = page.getByRole('region', { name: listing.title });
    await rail.getByRole('link', { name: listing.items[0].headline }).waitFor();
    assert.equal(await rail.locator('.article-card').count(), Math.min(4, listing.items.length));
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the theme follows the system until the reader picks one, which is remembered', async () => {
  const page = await shared.browser.newPage({ colorScheme: 'dark' });
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  await page.goto(shared.site.url + '/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await toggle.waitFor();
  assert.equal(await theme(), 'dark', 'the system prefers dark');
  await page.waitForFunction(() => document.querySelector('.theme-toggle').getAttribute('aria-pressed') === 'true');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(18, 20, 23)');
  await toggle.click();
  assert.equal(await theme(), 'light');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await page.reload();
  await toggle.waitFor();
  assert.equal(await theme(), 'light', 'the choice outlives a reload');
  await page.close();
});

test('an unknown author, tag or section shows "Page not found"', async () => {
  const { page } = await openPage(shared.browser);
  for (const pathname of ['/author/nobody', '/tag/no-such-topic', '/no-such-section']) {
    await page.goto(shared.site.url + pathname);
    await heading(page, 'Page not found');
  }
  await page.close();
});

test('every page has its own title and one meta description', async () => {
  const { page, problems } = await openPage(shared.browser);
  const description = () => page.locator('meta[name="description"]').evaluateAll((tags) => tags.map((tag) => tag.content));
  await page.goto(shared.site.url + '/');
  await heading(page, 'Latest News');
  assert.equal(await page.title(), 'Dispatch');
  assert.deepEqual(await description(), ['Cybersecurity news, analysis and commentary from around the world, with a focus on the Middle East & Africa and the Asia Pacific.']);
  await page.locator('.front-page').getByRole('link', { name: TOP.headline }).first().click();
  await heading(page, TOP.headline);
  assert.equal(await page.title(), `${TOP.headline} | Dispatch`);
  assert.deepEqual(await description(), [STORY.deck]);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: TOP.section.name }).click();
  await heading(page, TOP.section.name);
  assert.equal(await page.title(), `${TOP.section.name} | Dispatch`);
  assert.deepEqual(await description(), [`${TOP.section.name}: the latest cybersecurity news, analysis and commentary from Dispatch.`]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a new page starts at the top, and Back returns to where the reader was', async () => {
  const { page, problems } = await openPage(shared.browser);
  await page.setViewportSize({ width: 375, height: 740 });
  // The app's scroll memory: it must be running before the click (earlier,
  // the click is a plain page load and the browser restores the scroll).
  await openApp(page, shared.site.url + '/');
  await heading(page, 'Latest News');
  const far = content('latest/1.json').items.at(-1);
  const link = page.locator('.front-page').getByRole('link', { name: far.headline, exact: true });
  await link.scrollIntoViewIfNeeded();
  const where = await page.evaluate(() => window.scrollY);
  assert.ok(where > 1000, `the last card is far down (${where} px)`);
  await link.click();
  await heading(page, far.headline);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the article starts at the top');

  await page.goBack();
  await heading(page, 'Latest News');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 1, where);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link with the wrong section lands on the article\'s own address', async () => {
  const { page, problems } = await openPage(shared.browser);
  const wrong = TOP.section.slug === 'vulnerabilities' ? 'threat-intelligence' : 'vulnerabilities';
  await page.goto(`${shared.site.url}/${wrong}/${TOP.slug}`);
  await heading(page, TOP.headline);
  await page.waitForURL(`${shared.site.url}/${TOP.section.slug}/${TOP.slug}`);
  // The wrong address has no page of its own: it comes with status 404
  // (which Chromium logs), and the app finds the article.
  const logged404 = (problem) => /status of 404/.test(problem);
  assert.equal(problems.filter(logged404).length, 1);
  problems.splice(0, problems.length, ...problems.filter((problem) => !logged404(problem)));
  // Replaced, not pushed: the history is as long as after opening the
  // right address, so Back does not return to the wrong one.
  const control = await shared.browser.newPage();
  await control.goto(`${shared.site.url}/${TOP.section.slug}/${TOP.slug}`);
  await heading(control, TOP.headline);
  assert.equal(await page.evaluate(() => history.length), await control.evaluate(() => history.length));
  assert.deepEqual(problems, []);
  await control.close();
  await page.close();
});

describe('on a slow network', () => {
  let proxy;
  before(async () => {
    proxy = await startFaultyProxy(shared.site.url);
  });
  after(() => proxy?.stop());

  test('a slow navigation shows the progress bar until the page arrives', async () => {
    const { page, problems } = await openPage(shared.browser);
    await openApp(page, proxy.url + '/');
    await heading(page, 'Latest News');
    assert.equal(await page.locator('.route-progress-on').count(), 0, 'no bar once the page is there');
    proxy.fail('/content/articles/', 'slow');
    await page.locator('.front-page').getByRole('link', { name: TOP.headline }).first().click();
    await page.locator('.route-progress-on').waitFor();
    assert.equal(await page.locator('.route-progress').getAttribute('aria-hidden'), 'true');
    await heading(page, TOP.headline);
    await page.locator('.route-progress-on').waitFor({ state: 'detached' });
    proxy.heal();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the article\'s skeleton holds its place: the content arrives without moving the layout', async () => {
    const { page } = await openPage(shared.browser);
    await page.setViewportSize({ width: 375, height: 740 });
    await openApp(page, proxy.url + '/');
    // The prerendered article has no skeleton, and the app's first
    // navigation renders once the next page's files are in hand; the app
    // shows one when, running, it opens the article itself.
    await page.getByRole('link', { name: 'Newsletters', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    await page.goBack();
    await page.locator('.front-page').waitFor();
    proxy.fail('/content/articles/', 'slow');
    await page.locator('.front-page').getByRole('link', { name: TOP.headline }).first().click();
    await page.locator('.skeleton-article').waitFor();
    await heading(page, TOP.headline);
    await page.locator(`.article img[width="${STORY.hero.width}"]`).evaluate((img) => img.decode());
    // Cumulative Layout Shift as the browser measures it: a layout
    // quantity, not a timing.
    const shift = await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0)))
            .observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(0), 500);
        }),
    );
    assert.ok(shift < 0.1, `CLS ${shift.toFixed(3)} is within "good" (0.1)`);
    proxy.heal();
    await page.close();
  });
});
