// Photographs as readers and unfurlers get them (issue 15): the hero's
// variant fits the viewport, the page does not move as it loads, and every
// page's share image is a raster the server sends at the size it declares.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { DIST, fetchRaw, openPage, siteAndBrowser } from './support.mjs';

const content = (relative) => JSON.parse(readFileSync(path.join(DIST, 'content', relative), 'utf8'));
const SITE = content('site.json');
const ARTICLES = readdirSync(path.join(DIST, 'content/articles'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => content(`articles/${name}`));
/** The sample's phone photograph: stored sideways with EXIF orientation 6 and GPS. */
const PHONE = ARTICLES.find((article) => article.hero?.src.includes('/harbour-phone-'));

const shared = siteAndBrowser();

/** A raw GET: status, headers and body bytes, as an unfurler makes it. */
const get = (pathname) => fetchRaw(shared.site.url + pathname);

/** A JPEG's width and height, from its first frame header (ITU T.81, B.2.2). */
function jpegSize(bytes) {
  assert.equal(bytes.readUInt16BE(0), 0xffd8, 'a JPEG');
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error('no frame header');
}

/**
 * The metadata a file carries: a JPEG's APPn segments before its image
 * data (APP1 holds EXIF and its GPS block, APP2 an ICC profile), or a
 * WebP's RIFF chunks (EXIF, XMP, ICCP).
 */
function metadata(bytes) {
  const found = [];
  if (bytes.readUInt16BE(0) === 0xffd8) {
    let at = 2;
    while (at < bytes.length && bytes[at + 1] !== 0xda) {
      const marker = bytes[at + 1];
      if (marker >= 0xe1 && marker <= 0xef) found.push(`APP${marker - 0xe0}`);
      at += 2 + bytes.readUInt16BE(at + 2);
    }
  } else {
    assert.equal(bytes.toString('latin1', 8, 12), 'WEBP');
    for (let at = 12; at + 8 <= bytes.length; at += 8 + bytes.readUInt32LE(at + 4) + (bytes.readUInt32LE(at + 4) % 2)) {
      const chunk = bytes.toString('latin1', at, at + 4);
      if (['EXIF', 'XMP ', 'ICCP'].includes(chunk)) found.push(chunk);
    }
  }
  return found;
}

/** Every prerendered page's HTML file, with its address. */
function pages() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!['content', 'img'].includes(name)) walk(full);
      } else if (name.endsWith('.html') && !['404.html', '_shell.html', '_search_shell.html', '_page_shell.html'].includes(name)) {
        found.push(full);
      }
    }
  };
  walk(DIST);
  return found;
}

const meta = (html, key) => [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)]
  .filter(([, name]) => name === key).map(([, , value]) => value.replaceAll('&amp;', '&'));

describe('photographs', () => {
  test('a third of the sample heroes are photographs, the phone\'s among them', () => {
    const photos = ARTICLES.filter((article) => article.hero?.widths?.length);
    assert.ok(photos.length * 3 >= ARTICLES.length, `${photos.length} of ${ARTICLES.length}`);
    assert.ok(PHONE, 'the phone photograph is a hero');
    // Stored 4032 wide and 3024 tall, turned upright: taller than wide.
    assert.ok(PHONE.hero.height > PHONE.hero.width, `${PHONE.hero.width}×${PHONE.hero.height}`);
  });

  test('every page unfurls with a 1200×630 JPEG that the server sends as declared', async () => {
    const images = new Map();
    for (const file of pages()) {
      const html = readFileSync(file, 'utf8');
      const [image] = meta(html, 'og:image');
      assert.deepEqual(meta(html, 'twitter:image'), [image]);
      assert.equal(meta(html, 'twitter:card')[0], 'summary_large_image', file);
      assert.ok(meta(html, 'og:image:alt')[0].length > 0, file);
      images.set(image, [Number(meta(html, 'og:image:width')[0]), Number(meta(html, 'og:image:height')[0])]);
    }
    assert.ok(images.size > 1, 'articles with photographs have their own cards');
    for (const [image, [width, height]] of images) {
      assert.ok(image.startsWith(`${SITE.url}/img/`), image);
      const response = await get(image.slice(SITE.url.length));
      assert.equal(response.status, 200, image);
      assert.equal(response.headers['content-type'], 'image/jpeg', image);
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable', image);
      assert.deepEqual(jpegSize(response.body), { width, height }, image);
      assert.ok(width >= 1200 && height >= 630, image);
    }
  });

  test('nothing served carries the phone\'s EXIF or GPS', async () => {
    const source = readFileSync(path.resolve(DIST, '../content/images/photos/harbour-phone.jpg'));
    assert.deepEqual(metadata(source), ['APP1'], 'the source has EXIF');
    const base = PHONE.hero.src.replace(/-\d+\.jpg$/, '');
    const files = PHONE.hero.widths.flatMap((width) => [`${base}-${width}.jpg`, `${base}-${width}.webp`]).concat(PHONE.share);
    for (const file of files) {
      const { status, body } = await get(file);
      assert.equal(status, 200, file);
      assert.deepEqual(metadata(body), [], `${file} carries no metadata`);
    }
    const { status } = await get('/content/images/photos/harbour-phone.jpg');
    assert.equal(status, 404, 'the source file is not published');
  });

  for (const [width, expected] of [[375, 640], [1280, 960]]) {
    test(`at ${width} px the hero loads its ${expected} px WebP, and nothing moves`, async () => {
      const story = ARTICLES.find((article) => article.hero?.widths?.includes(1280) && article !== PHONE);
      const { page, problems } = await openPage(shared.browser);
      await page.setViewportSize({ width, height: 800 });
      await page.addInitScript(() => {
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value)))
          .observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${shared.site.url}/${story.section.slug}/${story.slug}`);
      const hero = page.locator('figure.hero img');
      await hero.evaluate((img) => img.decode());
      const chosen = await hero.evaluate((img) => img.currentSrc);
      assert.ok(chosen.endsWith(`-${expected}.webp`), chosen);
      assert.equal(await hero.getAttribute('fetchpriority'), 'high');
      assert.equal(await hero.getAttribute('loading'), 'eager');
      assert.equal(await hero.getAttribute('alt'), story.hero.alt);
      const box = await hero.boundingBox();
      assert.ok(Math.abs(box.height / box.width - story.hero.height / story.hero.width) < 0.01, 'drawn at its own ratio');
      await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
      const shift = await page.evaluate(() => window.shifts.reduce((sum, value) => sum + value, 0));
      assert.equal(shift, 0, 'no layout shift');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
