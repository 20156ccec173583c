// WCAG 2.2 A and AA checks with axe-core on every kind of page, in the
// light and the dark theme, including the signup form showing its errors.
// axe finds what a machine can (contrast, names, labels, landmarks, ARIA);
// the keyboard walks in reader.test.mjs cover the paths a person takes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, axeViolations, siteAndBrowser } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const TOP = content('latest/1.json').items[0];
const STORY = content(`articles/${TOP.slug}.json`);

const PAGES = [
  { route: '/', heading: 'Latest News' },
  { route: `/${TOP.section.slug}/${TOP.slug}`, heading: TOP.headline, submitEmptySignup: true },
  { route: `/author/${STORY.authors[0].slug}`, heading: STORY.authors[0].name },
  { route: `/${TOP.section.slug}`, heading: TOP.section.name },
  { route: '/newsletter', heading: 'Newsletters' },
  // With results, their marked words and "More results".
  { route: `/search?q=${encodeURIComponent(TOP.headline.split(' ')[0])}`, heading: 'Search', waitFor: '.search-results mark' },
  { route: '/no/such/page', heading: 'Page not found' },
];

const shared = siteAndBrowser();


for (const theme of ['light', 'dark']) {
  test(`every kind of page passes axe's WCAG 2.2 AA checks in the ${theme} theme`, async () => {
    // Only to let the test inject axe: the page's own CSP is checked in
    // cdn.test.mjs.
    const context = await shared.browser.newContext({ bypassCSP: true, colorScheme: theme });
    const found = [];
    for (const { route, heading, submitEmptySignup, waitFor } of PAGES) {
      const page = await context.newPage();
      await page.goto(shared.site.url + route);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      if (waitFor) await page.locator(waitFor).first().waitFor();
      if (submitEmptySignup) {
        const form = page.locator('#signup-article-title').locator('xpath=..');
        // The app mounts the form as the reader comes near it.
        await form.scrollIntoViewIfNeeded();
        await form.getByRole('button', { name: 'Subscribe' }).click();
        await form.getByText('Enter your email address.').waitFor();
      }
      found.push(...(await axeViolations(page)).map((line) => `${route}: ${line}`));
      await page.close();
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}
