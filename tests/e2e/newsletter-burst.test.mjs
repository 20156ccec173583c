// Fault injection: 200 signups in one burst through a proxy that, at
// random, answers 500, drops the connection before the service sees the
// request, or lets the service store it and then drops the connection
// before the answer. Each client retries with backoff as the app does;
// afterwards every signup must be stored exactly once.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { NEWSLETTER, startFaultyProxy, startSiteWithNewsletter } from './support.mjs';

const SIGNUPS = 200;
const MAX_ATTEMPTS = 30;

/** A seeded generator, so a failing run can be replayed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('200 signups in a burst under random faults are each stored exactly once', async () => {
  const site = await startSiteWithNewsletter();
  const proxy = await startFaultyProxy(site.url);
  const seed = Number(process.env.DISPATCH_FAULT_SEED ?? Date.now() % 100000);
  const next = random(seed);
  const faults = { '500': 0, drop: 0, 'drop-after': 0, pass: 0 };
  proxy.fail('/api/', () => {
    const roll = next();
    const mode = roll < 0.2 ? '500' : roll < 0.35 ? 'drop' : roll < 0.5 ? 'drop-after' : 'pass';
    faults[mode] += 1;
    return mode;
  });
  try {
    const endpoint = proxy.url + NEWSLETTER.endpoint;
    const attempts = await Promise.all(
      Array.from({ length: SIGNUPS }, async (_, index) => {
        const body = JSON.stringify({
          email: `reader${index}@burst.example`,
          name: `reader${index}`,
          list_uuids: index % 3 === 0 ? [NEWSLETTER.daily_list, NEWSLETTER.weekly_list] : [NEWSLETTER.weekly_list],
        });
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
          try {
            const answer = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
            if (answer.ok) {
              assert.deepEqual(await answer.json(), { data: { has_optin: true } });
              return attempt;
            }
            assert.ok(answer.status >= 500, `signup ${index}: a fault is a 5xx, not ${answer.status}`);
          } catch (error) {
            if (error instanceof assert.AssertionError) throw error;
          }
          // Backoff as the app's, scaled down from seconds to milliseconds.
          await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 60) * 5));
        }
        throw new Error(`signup ${index} did not go through in ${MAX_ATTEMPTS} attempts (seed ${seed})`);
      }),
    );
    const retried = attempts.filter((count) => count > 1).length;
    console.log(`seed ${seed}: faults ${JSON.stringify(faults)}; ${retried} of ${SIGNUPS} signups needed a retry`);
    assert.ok(faults['drop-after'] > 0 && faults['500'] > 0 && faults.drop > 0, 'every kind of fault happened');

    assert.equal(site.sql('SELECT count(*) FROM subscribers'), String(SIGNUPS));
    assert.equal(site.sql('SELECT count(DISTINCT email) FROM subscribers'), String(SIGNUPS));
    const expected = Array.from({ length: SIGNUPS }, (_, index) => (index % 3 === 0 ? 2 : 1)).reduce((a, b) => a + b);
    assert.equal(site.sql('SELECT count(*) FROM subscriptions'), String(expected));
    assert.equal(
      site.sql("SELECT count(*) FROM subscribers WHERE email NOT LIKE 'reader%@burst.example'"),
      '0',
    );
  } finally {
    proxy.stop();
    site.stop();
  }
});
