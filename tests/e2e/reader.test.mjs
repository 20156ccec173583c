// Walking the site as a reader: front page, article, author, related
// stories and listings, with the mouse and with the keyboard alone.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, openPage, siteAndBrowser } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);
const AUTHOR = STORY.authors[0];
const RELATED = STORY.related[0];

const shared = siteAndBrowser();

const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

test('front page → article → author → one of their stories, and Back twice returns to the article', async () => {
  const { page, problems } = await openPage(shared.browser);
  await page.goto(shared.site.url + '/');
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
