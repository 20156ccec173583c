// Regenerates the README's screenshots from the release build: the front
// page and an article of each edition, wide and on a phone. Run by `cargo xtask screenshots`,
// which builds the site and sets the environment support.mjs reads.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DIST, launchBrowser, startSite } from '../tests/e2e/support.mjs';

const OUT = path.resolve(DIST, '..', 'docs', 'screenshots');
const latest = JSON.parse(readFileSync(path.join(DIST, 'content/latest/1.json'), 'utf8'));
const top = latest.items[0];
const arabic = JSON.parse(readFileSync(path.join(DIST, 'ar/content/latest/1.json'), 'utf8')).items[0];

const shots = [
  { file: 'front-page-1280.png', route: '/', width: 1280, height: 1100, heading: 'Latest News' },
  { file: 'article-1280.png', route: `/${top.section.slug}/${top.slug}`, width: 1280, height: 1500, heading: top.headline },
  { file: 'article-375.png', route: `/${top.section.slug}/${top.slug}`, width: 375, height: 1400, heading: top.headline },
  { file: 'ar-front-page-1280.png', route: '/ar', width: 1280, height: 1100, heading: 'آخر الأخبار' },
  { file: 'ar-front-page-375.png', route: '/ar', width: 375, height: 1400, heading: 'آخر الأخبار' },
  { file: 'ar-article-1280.png', route: `/ar/${arabic.section.slug}/${arabic.slug}`, width: 1280, height: 1500, heading: arabic.headline },
  { file: 'ar-article-375.png', route: `/ar/${arabic.section.slug}/${arabic.slug}`, width: 375, height: 1400, heading: arabic.headline },
];

const site = await startSite();
const browser = await launchBrowser();
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: 'light' });
    await page.goto(site.url + shot.route);
    await page.getByRole('heading', { level: 1, name: shot.heading, exact: true }).waitFor();
    // Every image in view decoded, so the picture is the page as read
    // (lazy images below the fold never load, so they are not awaited).
    await page.evaluate(() =>
      Promise.all(
        [...document.images]
          .filter((image) => image.getBoundingClientRect().top < window.innerHeight)
          .map((image) => image.decode().catch(() => {})),
      ),
    );
    await page.screenshot({ path: path.join(OUT, shot.file) });
    console.log(`screenshots: docs/screenshots/${shot.file}`);
    await page.close();
  }
} finally {
  await browser.close();
  site.stop();
}
