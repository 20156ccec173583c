// The newsletter signup in Chromium against the real newsletter service
// (dispatch-server with SQLite): success, every invalid input, a
// duplicate, refusals, the rate limit, a failing service and Retry,
// offline and back, and a reload in the middle of a failure.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DIST, NEWSLETTER, launchBrowser, openPage, startFaultyProxy, startSiteWithNewsletter } from './support.mjs';

const TOP = JSON.parse(readFileSync(path.join(DIST, 'content/latest/1.json'), 'utf8')).items[0];
const ARTICLE = `/${TOP.section.slug}/${TOP.slug}`;
const CONFIRM = 'Almost done: we have sent you an email. Open the link in it to confirm your subscription.';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh service (and proxy, for the tests that break it) per test. */
async function service(options) {
  const site = await startSiteWithNewsletter(options);
  const proxy = await startFaultyProxy(site.url);
  return {
    site,
    proxy,
    stop: () => {
      proxy.stop();
      site.stop();
    },
  };
}

/**
 * The call to action of an article, with the reader's counts of POSTs,
 * once the reader has scrolled to it: the app mounts the form when a
 * reader comes near it (src/islands.rs), and the prerendered form's
 * button stays disabled until then.
 */
async function openArticle(origin, context) {
  const { page, problems } = context ? { page: await context.newPage(), problems: [] } : await openPage(browser);
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.goto(origin + ARTICLE);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  const form = page.locator('#signup-article-title').locator('xpath=..');
  await form.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#signup-article-title ~ form button[type=submit]')?.disabled === false);
  return { page, problems, posts, form };
}

async function fill(form, { email = '', daily = false, weekly = false, consent = false } = {}) {
  await form.getByRole('textbox', { name: 'Email address' }).fill(email);
  if (daily) await form.getByRole('checkbox', { name: /Daily digest/ }).check();
  if (weekly) await form.getByRole('checkbox', { name: /Weekly digest/ }).check();
  if (consent) await form.getByRole('checkbox', { name: /I agree to receive/ }).check();
}

const status = (form) => form.getByRole('status');
const waitForStatus = (form, pattern) =>
  form.page().waitForFunction(
    ([selector, source]) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''),
    ['#signup-article-title ~ .newsletter-status', pattern.source],
  );

describe('newsletter signup', () => {
  test('a reader subscribes from an article and the address is stored, waiting for confirmation', async () => {
    const { site, stop } = await service();
    const { page, problems, form, posts } = await openArticle(site.url);
    assert.equal(await page.locator('.site-footer .newsletter').count(), 0, 'one form a page: the footer has none beside the article\'s');
    await fill(form, { email: 'Reader.One@Example.com', daily: true, consent: true });
    assert.match(await form.getByRole('checkbox', { name: /I agree/ }).evaluate((box) => box.labels[0].textContent), /the daily digest from Dispatch/);
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.equal(await status(form).textContent(), CONFIRM);
    assert.equal(posts.length, 1);
    assert.equal(site.sql("SELECT email || ' ' || (confirmed_at IS NULL) FROM subscribers"), 'reader.one@example.com 1');
    assert.equal(site.sql('SELECT list_uuid FROM subscriptions'), NEWSLETTER.daily_list);
    assert.ok(site.log.join('').includes('to confirm reader.one@example.com'), 'the confirmation link is in the log');
    assert.equal(await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')), null);

    // The next visit remembers it, and another address can still sign up.
    await page.reload();
    await page.getByText('You have signed up for the daily digest on this device.').waitFor();
    await page.getByRole('button', { name: 'Sign up another address' }).click();
    await form.getByRole('textbox', { name: 'Email address' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
    stop();
  });

  test('each invalid input is named next to its field and nothing is sent', async () => {
    const { site, stop } = await service();
    const { page, problems, form, posts } = await openArticle(site.url);
    const email = form.getByRole('textbox', { name: 'Email address' });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Please correct/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'signup-article-email', 'focus goes to the first field to fix');
    const described = async (locator) => {
      const ids = (await locator.getAttribute('aria-describedby')).split(' ');
      return (await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()))).join(' ');
    };
    assert.equal(await described(email), 'Enter your email address.');
    assert.equal(await described(form.getByRole('checkbox', { name: /Daily digest/ })), 'Choose the daily digest, the weekly digest, or both.');
    assert.equal(await described(form.getByRole('checkbox', { name: /I agree/ })), 'Tick this box to agree, so that we may email you.');

    for (const [typed, message] of [
      ['reader@', 'Enter an email address like name@example.com.'],
      ['reader@example', 'Enter an email address like name@example.com.'],
      ['<b>x</b>@example.com', 'Enter an email address like name@example.com.'],
      // Look-alikes of a real address (issue 12): a zero-width space inside,
      // a right-to-left override before it.
      ['reader\u200B@example.com', 'Enter an email address like name@example.com.'],
      ['\u202Ereader@example.com', 'Enter an email address like name@example.com.'],
      [`${'r'.repeat(64)}@${'d'.repeat(60)}.${'d'.repeat(60)}.${'d'.repeat(60)}.example.com`, 'This address is too long: an email address has at most 254 characters.'],
    ]) {
      await email.fill(typed);
      assert.equal(await described(email), message, typed);
    }
    // Internationalised addresses are addresses.
    await email.fill('zoë@bücher.de');
    assert.equal(await email.getAttribute('aria-invalid'), 'false');
    await form.getByRole('checkbox', { name: /Weekly digest/ }).check();
    assert.equal(await described(form.getByRole('checkbox', { name: /Daily digest/ })), '');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'signup-article-consent');
    assert.deepEqual(posts, [], 'nothing invalid was sent');

    await form.getByRole('checkbox', { name: /I agree/ }).check();
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql("SELECT email FROM subscribers"), 'zoë@bücher.de');
    assert.deepEqual(problems, []);
    await page.close();
    stop();
  });

  test('a filled honeypot is dropped silently', async () => {
    const { site, stop } = await service();
    const { page, form, posts } = await openArticle(site.url);
    await fill(form, { email: 'bot@example.com', daily: true, consent: true });
    await page.locator('#signup-article-website').fill('https://spam.example', { force: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.deepEqual(posts, []);
    assert.equal(site.sql('SELECT count(*) FROM subscribers'), '0');
    await page.close();
    stop();
  });

  test('a duplicate signup is accepted and stored once; a double click sends one request', async () => {
    const { site, stop } = await service();
    const { page, form, posts } = await openArticle(site.url);
    await fill(form, { email: 'twice@example.com', daily: true, weekly: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).dblclick();
    await waitForStatus(form, /^Almost done/);
    assert.equal(posts.length, 1, 'the button is disabled while the request is in flight');

    await page.reload();
    await page.getByRole('button', { name: 'Sign up another address' }).click();
    await fill(form, { email: 'TWICE@example.com', daily: true, weekly: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql('SELECT count(*) FROM subscribers'), '1');
    assert.equal(site.sql('SELECT count(*) FROM subscriptions'), '2');
    await page.close();
    stop();
  });

  test('a refusal shows the service\'s message as text, and a rate limit says when to come back', async () => {
    // A service that knows only the daily list refuses the weekly one.
    const { site, stop } = await service({ lists: [NEWSLETTER.daily_list], rateLimit: 1 });
    const { page, form } = await openArticle(site.url);
    await fill(form, { email: 'weekly@example.com', weekly: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^The newsletter service said/);
    assert.equal(await status(form).textContent(), `The newsletter service said: There is no newsletter list ${NEWSLETTER.weekly_list}.`);
    assert.equal(await form.getByRole('textbox', { name: 'Email address' }).inputValue(), 'weekly@example.com', 'the input is kept');
    assert.equal(await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')), null, 'a refused signup is not kept for resending');

    await form.getByRole('checkbox', { name: /Weekly digest/ }).uncheck();
    await form.getByRole('checkbox', { name: /Daily digest/ }).check();
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Too many signups/);
    assert.match(await status(form).textContent(), /^Too many signups from your connection\. Please try again in \d+ seconds\.$/);
    assert.equal(await form.getByRole('button', { name: 'Try again' }).count(), 0, 'no Retry before the time is up');
    await page.close();
    stop();
  });

  test('a failing service keeps the signup, retries, and Retry succeeds once it answers', async () => {
    const { site, proxy, stop } = await service();
    proxy.fail('/api/', '500');
    const { page, problems, form } = await openArticle(proxy.url);
    await fill(form, { email: 'patient@example.com', weekly: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /error 500/);
    assert.match(await status(form).textContent(), /Your signup is saved on this device\. We will try again in 2 seconds, or you can try now\./);
    assert.match(await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')), /patient@example\.com/);
    // The automatic retry fails too, and backs off.
    await waitForStatus(form, /try again in 4 seconds/);

    proxy.heal();
    await form.getByRole('button', { name: 'Try again' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql('SELECT email FROM subscribers'), 'patient@example.com');
    assert.equal(await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')), null);
    // The browser logs the failed requests themselves; nothing else.
    assert.deepEqual(problems.filter((problem) => !/Failed to load resource: the server responded with a status of 500/.test(problem)), []);
    await page.close();
    stop();
  });

  test('a signup on its way when the reader follows a link is sent once, and the next page shows its answer', async () => {
    const { site, proxy, stop } = await service();
    proxy.fail('/api/', 'slow');
    const { page, problems, posts, form } = await openArticle(proxy.url);
    await fill(form, { email: 'moving.on@example.com', daily: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^Sending/);
    // The first in-app link: the app takes the page over, and the section
    // page's footer form mounts while the signup is still on its way.
    await page.locator('.article-section a').click();
    await page.getByRole('heading', { level: 1, name: TOP.section.name }).waitFor();
    assert.match(
      await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')) ?? '',
      /moving\.on@example\.com/,
      'the signup was still unanswered when the next page mounted its form',
    );
    const footer = page.locator('.site-footer');
    await footer.getByText(CONFIRM).waitFor();
    assert.equal(posts.length, 1, posts.join('\n'));
    assert.equal(site.sql('SELECT count(*) FROM subscribers'), '1');
    assert.equal(await page.evaluate(() => localStorage.getItem('dispatch-newsletter-pending')), null);
    assert.deepEqual(problems, []);
    await page.close();
    stop();
  });

  test('a dropped connection is retried automatically until it goes through, and stored once', async () => {
    const { site, proxy, stop } = await service();
    // The service stores each of the first two requests, then the
    // connection drops before the answer. (Chromium itself may resend a
    // request once on a reused connection; the app retries the rest.)
    let seen = 0;
    proxy.fail('/api/', () => (++seen <= 2 ? 'drop-after' : 'pass'));
    const { page, form } = await openArticle(proxy.url);
    await fill(form, { email: 'dropped@example.com', daily: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /could not reach the newsletter service\. Your signup is saved on this device\. We will try again in 2 seconds/);
    await waitForStatus(form, /^Almost done/);
    assert.ok(seen >= 3, `the service was asked ${seen} times`);
    assert.equal(site.sql('SELECT count(*) FROM subscribers'), '1');
    assert.equal(site.sql('SELECT count(*) FROM subscriptions'), '1');
    await page.close();
    stop();
  });

  test('a service that never answers: the reader is told after 15 s and the signup is kept', async () => {
    const { site, proxy, stop } = await service();
    proxy.fail('/api/', 'hang');
    const { page, form } = await openArticle(proxy.url);
    await fill(form, { email: 'waiting@example.com', daily: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await form.getByRole('button', { name: 'Subscribing…' }).waitFor();
    assert.ok(await form.getByRole('button', { name: 'Subscribing…' }).isDisabled());
    await page.waitForFunction(
      () => /taking too long to answer\. Your signup is saved on this device/.test(document.querySelector('#signup-article-title ~ .newsletter-status').textContent),
      null,
      { timeout: 40_000 },
    );
    proxy.heal();
    await form.getByRole('button', { name: 'Try again' }).click();
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql('SELECT email FROM subscribers'), 'waiting@example.com');
    await page.close();
    stop();
  });

  test('offline, the signup waits and is sent when the browser is back online', async () => {
    const { site, stop } = await service();
    const context = await browser.newContext();
    const { page, form } = await openArticle(site.url, context);
    await fill(form, { email: 'offline@example.com', daily: true, consent: true });
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /^You are offline/);
    assert.equal(site.sql('SELECT count(*) FROM subscribers'), '0');
    await context.setOffline(false);
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql('SELECT email FROM subscribers'), 'offline@example.com');
    await context.close();
    stop();
  });

  test('a reload in the middle of a failure keeps the pending signup and sends it once the service is back', async () => {
    const { site, proxy, stop } = await service();
    proxy.fail('/api/', '500');
    const { page, form } = await openArticle(proxy.url);
    await fill(form, { email: 'reload@example.com', daily: true, weekly: true, consent: true });
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await waitForStatus(form, /error 500/);

    await page.reload();
    await waitForStatus(form, /error 500/);
    assert.equal(await form.getByRole('textbox', { name: 'Email address' }).inputValue(), 'reload@example.com');
    assert.ok(await form.getByRole('checkbox', { name: /Daily digest/ }).isChecked());
    assert.ok(await form.getByRole('checkbox', { name: /Weekly digest/ }).isChecked());
    assert.ok(await form.getByRole('checkbox', { name: /I agree/ }).isChecked());

    proxy.heal();
    await page.reload();
    await waitForStatus(form, /^Almost done/);
    assert.equal(site.sql('SELECT count(*) FROM subscriptions'), '2');
    await page.close();
    stop();
  });
});

describe('newsletter placements', () => {
  test('the newsletter page has the form and the privacy notice the consent links to; other pages have it in the footer', async () => {
    const { site, stop } = await service();
    const { page, problems } = await openPage(browser);
    await page.goto(site.url + '/newsletter');
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    assert.equal(await page.locator('.newsletter').count(), 1);
    await page.getByRole('link', { name: 'privacy notice' }).click();
    await page.getByRole('heading', { name: 'Privacy notice' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#privacy');

    await page.getByRole('link', { name: 'Dispatch, front page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Latest News' }).waitFor();
    const footer = page.locator('.site-footer');
    await footer.getByRole('textbox', { name: 'Email address' }).waitFor();
    await footer.getByRole('textbox', { name: 'Email address' }).fill('footer@example.com');
    await footer.getByRole('checkbox', { name: /Weekly digest/ }).check();
    await footer.getByRole('checkbox', { name: /I agree/ }).check();
    await footer.getByRole('button', { name: 'Subscribe' }).click();
    await footer.getByText(CONFIRM).waitFor();
    assert.equal(site.sql('SELECT list_uuid FROM subscriptions'), NEWSLETTER.weekly_list);
    assert.deepEqual(problems, []);
    await page.close();
    stop();
  });
});
