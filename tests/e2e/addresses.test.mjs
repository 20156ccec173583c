// Addresses in the browser (issue 14): a link to a moved story still
// reaches it, every page of a listing has its own address that the app
// reads and follows, an old `?page=N` link moves to it even on a host that
// matches no queries, and a trailing slash is not a dead end.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, copyOfDist, openApp, openPage, siteAndBrowser, startSite } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const shared = siteAndBrowser();
const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

const REGION = readdirSync(path.join(DIST, 'content/regions')).find((slug) => readdirSync(path.join(DIST, 'content/regions', slug)).includes('2.json'));
const FIRST = content(`regions/${REGION}/1.json`);
const SECOND = content(`regions/${REGION}/2.json`);

/** The article whose body links to another article's old address. */
function linkToAMovedStory() {
  const { moved } = content('redirects.json');
  for (const file of readdirSync(path.join(DIST, 'content/articles')).filter((name) => name.endsWith('.json'))) {
    const article = content(`articles/${file}`);
    const body = JSON.stringify(article.body);
    const alias = moved.find(({ from }) => body.includes(`"href":"${from}"`));
    if (alias) return { article, alias };
  }
  throw new Error('the sample newsroom links to no moved address');
}

test('an in-app link to a moved story ends on the story at its address', async () => {
  const { article, alias } = linkToAMovedStory();
  const target = content(`articles/${alias.to.split('/').pop()}.json`);
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, `${shared.site.url}/${article.section.slug}/${article.slug}`);
  await page.locator(`.article-body a[href="${alias.from}"]`).click();
  await heading(page, target.headline);
  assert.equal(new URL(page.url()).pathname, alias.to);
  // The app asked for the old slug's file before handing the address to
  // the host, which redirected it: that one 404 is expected.
  assert.deepEqual(problems.filter((problem) => !/status of 404/.test(problem)), []);
  await page.close();
});

test('"Older" goes to the listing\'s second page at its own address, and Back returns', async () => {
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, `${shared.site.url}/region/${REGION}`);
  await page.getByRole('navigation', { name: 'More articles' }).getByRole('link', { name: 'Older' }).click();
  await page.getByRole('link', { name: SECOND.items[0].headline }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/region/${REGION}/page/2`);
  assert.equal(await page.title(), `${FIRST.title}, page 2 | ${content('site.json').name}`);
  await page.goBack();
  await page.getByRole('link', { name: FIRST.items[0].headline }).first().waitFor();
  assert.equal(new URL(page.url()).pathname, `/region/${REGION}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a listing\'s later page works without JavaScript, linked both ways', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${shared.site.url}/region/${REGION}`);
  await page.getByRole('link', { name: 'Older' }).click();
  await page.getByRole('link', { name: SECOND.items[0].headline }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/region/${REGION}/page/2`);
  await page.getByRole('link', { name: 'Newer' }).click();
  await page.getByRole('link', { name: FIRST.items[0].headline }).first().waitFor();
  assert.equal(new URL(page.url()).pathname, `/region/${REGION}`);
  await context.close();
});

test('on a host that matches no queries, an old ?page=N link still lands on the page\'s address', async () => {
  // Cloudflare Pages skips `_redirects` lines with query conditions.
  const copy = copyOfDist();
  const rules = readFileSync(path.join(copy.dir, '_redirects'), 'utf8');
  writeFileSync(path.join(copy.dir, '_redirects'), rules.split('\n').filter((line) => !/ page=:page /.test(line)).join('\n'));
  const site = await startSite(copy.dir);
  try {
    const { page, problems } = await openPage(shared.browser);
    await openApp(page, `${site.url}/region/${REGION}?page=2`);
    await page.getByRole('link', { name: SECOND.items[0].headline }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/region/${REGION}/page/2`);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    site.stop();
    copy.remove();
  }
});

test('an in-app link with a trailing slash shows its page, not "Page not found"', async () => {
  const { page, problems } = await openPage(shared.browser);
  await openApp(page, `${shared.site.url}/`);
  const section = content('site.json').sections[0];
  await page.evaluate((href) => {
    const link = Object.assign(document.createElement('a'), { href, textContent: 'with a slash' });
    document.querySelector('main').prepend(link);
  }, `/${section.slug}/`);
  await page.getByRole('link', { name: 'with a slash' }).click();
  await heading(page, section.name);
  assert.deepEqual(problems, []);
  await page.close();
});
