// The fetch-render path in a real browser, against the release build
// served like the CDN.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { copyOfDist, DIST, openApp, openPage, siteAndBrowser, startFaultyProxy, startSite } from './support.mjs';

// The newest story of whatever newsroom was compiled, read from the build.
const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);
const ARTICLE = `/${TOP.section.slug}/${TOP.slug}`;
const HEADLINE = TOP.headline;

const shared = siteAndBrowser();

describe('reading an article', () => {
  test('the front page lists the article and a click opens it', async () => {
    const { page, problems } = await openPage(shared.browser);
    await page.goto(shared.site.url + '/');
    const card = page.getByRole('link', { name: HEADLINE }).first();
    await card.waitFor();
    assert.equal(await page.locator('#boot').count(), 0, 'the loading placeholder is gone');

    await card.click();
    await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    assert.equal(new URL(page.url()).pathname, ARTICLE);
    assert.equal(await page.locator('.article-deck').innerText(), STORY.deck);
    const paragraphs = STORY.body.filter((block) => block.type === 'paragraph').length;
    assert.ok(paragraphs >= 3, 'the sample story has paragraphs');
    assert.equal(await page.locator('.article-body > p').count(), paragraphs);
    assert.equal(await page.locator('.byline-reading-time').innerText(), `${STORY.reading_minutes} Min Read`);
    assert.equal(await page.locator('figure.hero img').getAttribute('alt'), STORY.hero.alt);
    assert.match(await page.locator('figure.hero .figure-credit').innerText(), /^Source: /);
    assert.equal(await page.title(), `${HEADLINE} | Dispatch`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a deep link and a reload land on the same article, and Back returns', async () => {
    const { page, problems } = await openPage(shared.browser);
    await page.goto(shared.site.url + '/');
    await page.getByRole('link', { name: HEADLINE }).first().waitFor();
    await page.goto(shared.site.url + ARTICLE);
    await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Latest News' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an unknown slug and an unknown route show "Page not found"', async () => {
    const { page } = await openPage(shared.browser);
    await page.goto(shared.site.url + '/cyberattacks-data-breaches/no-such-story');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
    await page.goto(shared.site.url + '/no/such/route/here');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    await page.getByRole('link', { name: HEADLINE }).first().waitFor();
    await page.close();
  });
});

/**
 * Opens the front page at `origin`, then the top story through the app:
 * a prerendered page arrives whole, so the app's own loads (and their
 * failures) happen on in-app navigation and at addresses without a page.
 */
async function openStoryInApp(page, origin) {
  await openApp(page, origin + '/');
  await page.locator('.front-page').getByRole('link', { name: HEADLINE }).first().click();
}

/** A faulty proxy in front of the site for one test, stopped after it. */
async function withProxy(run) {
  const proxy = await startFaultyProxy(shared.site.url);
  try {
    await run(proxy);
  } finally {
    proxy.stop();
  }
}

describe('when content fails to load', () => {
  test('a 500 shows the error, and Retry recovers once the server answers', () =>
    withProxy(async (proxy) => {
      const { page } = await openPage(shared.browser);
      proxy.fail('/content/articles/', '500');
      await openStoryInApp(page, proxy.url);
      await page.getByRole('heading', { level: 1, name: 'This page did not load' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /error 500/);
      proxy.heal();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
      await page.close();
    }));

  test('a server that never answers: after 15 s the reader is told, and Retry recovers', () =>
    withProxy(async (proxy) => {
      const { page } = await openPage(shared.browser);
      proxy.fail('/content/articles/', 'hang');
      await openStoryInApp(page, proxy.url);
      // src/api.rs gives up after 15 s; the wait allows for that and more.
      await page.getByRole('heading', { level: 1, name: 'This page did not load' }).waitFor({ timeout: 40_000 });
      assert.match(await page.getByRole('alert').innerText(), /taking too long/);
      proxy.heal();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
      await page.close();
    }));

  test('a dropped connection says so, and Retry recovers', () =>
    withProxy(async (proxy) => {
      const { page } = await openPage(shared.browser);
      proxy.fail('/content/latest/', 'drop');
      await openApp(page, proxy.url + ARTICLE);
      await page.getByRole('link', { name: 'Dispatch, front page' }).click();
      await page.getByRole('heading', { level: 1, name: 'This page did not load' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /could not reach Dispatch/);
      proxy.heal();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('link', { name: HEADLINE }).first().waitFor();
      await page.close();
    }));

  test('a damaged JSON file says so, and Retry shows the repaired one', async () => {
    const copy = copyOfDist();
    const file = path.join(copy.dir, `content/articles/${TOP.slug}.json`);
    // The precompressed twins would still hold the good bytes.
    rmSync(file + '.br');
    rmSync(file + '.gz');
    writeFileSync(file, '{"schema_version": 1, "headline": "cut off');
    const damaged = await startSite(copy.dir);
    try {
      const { page } = await openPage(shared.browser);
      await openStoryInApp(page, damaged.url);
      await page.getByRole('heading', { level: 1, name: 'This page did not load' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /arrived damaged/);
      writeFileSync(file, JSON.stringify(STORY));
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
      await page.close();
    } finally {
      damaged.stop();
      copy.remove();
    }
  });
});
