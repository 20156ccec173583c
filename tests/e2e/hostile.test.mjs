// A hostile newsroom (issue 12): known XSS vectors in every text field of
// every content file, built by the release pipeline's compiler and
// prerenderer, served by dispatch-server with the Content-Security-Policy
// removed (as GitHub Pages, S3 website hosting or a plain nginx serve it),
// and read in Chromium page by page and through in-app navigation. No
// payload may run, and none may leave an element or an event-handler
// attribute in the DOM; the feeds and sitemap must parse, with the text
// intact. A headline with `</script>` in it must read exactly as written
// in the page, the tab, the share links, the OpenGraph and X tags, the
// JSON-LD and both feeds.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DIST, launchBrowser, startSite } from './support.mjs';

/**
 * XSS vectors, most from OWASP's XSS Filter Evasion Cheat Sheet, with
 * the markup-context breakouts that a prerenderer, a feed writer or a
 * JSON-in-script block could fall for. Each would call `alert` if it ran.
 */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '"><script>alert(2)</script>',
  "'><script>alert(3)</script>",
  '</title><script>alert(4)</script>',
  '</script><script>alert(5)</script>',
  '</textarea><script>alert(6)</script>',
  '</style><script>alert(7)</script>',
  '<!--<script>alert(8)</script>-->',
  '--><script>alert(9)</script>',
  ']]><script>alert(10)</script>',
  '<![CDATA[<script>alert(11)</script>]]>',
  '<img src=x onerror=alert(12)>',
  '<IMG SRC="javascript:alert(13);">',
  '<IMG SRC=JaVaScRiPt:alert(14)>',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=`javascript:alert("RSnake says, XSS")`>',
  '<IMG """><SCRIPT>alert(15)</SCRIPT>">',
  '<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>',
  '<IMG SRC=# onmouseover="alert(16)">',
  '<IMG onmouseover="alert(17)">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x:alert(alt) onerror=eval(src) alt=18>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#57;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x32&#x30&#x29>',
  '<IMG SRC="jav&#x09;ascript:alert(21);">',
  '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(22)>',
  '<<SCRIPT>alert(23);//\\<</SCRIPT>',
  '<SCRIPT SRC=https://xss.example/xss.js?< B >',
  '<iframe src=http://xss.example/scriptlet.html <',
  '\\";alert(24);//',
  '</TITLE><SCRIPT>alert(25);</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(26);">',
  '<BODY BACKGROUND="javascript:alert(27)">',
  '<svg/onload=alert(28)>',
  '<svg><script>alert(29)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(30)>',
  '<details open ontoggle=alert(31)>',
  '<input autofocus onfocus=alert(32)>',
  '<video><source onerror=alert(33)></video>',
  '<audio src=x onerror=alert(34)>',
  '<marquee onstart=alert(35)>',
  '<BGSOUND SRC="javascript:alert(36);">',
  '<LINK REL="stylesheet" HREF="javascript:alert(37);">',
  '<STYLE>@import\'https://xss.example/xss.css\';</STYLE>',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(38);">',
  '<IFRAME SRC="javascript:alert(39);"></IFRAME>',
  '<FRAMESET><FRAME SRC="javascript:alert(40);"></FRAMESET>',
  '<TABLE BACKGROUND="javascript:alert(41)">',
  '<DIV STYLE="background-image: url(javascript:alert(42))">',
  '<DIV STYLE="width: expression(alert(43));">',
  '<BASE HREF="javascript:alert(44);//">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" AllowScriptAccess="always"></EMBED>',
  '<a href="javascript:alert(45)">click</a>',
  '<form action="javascript:alert(46)"><button>go</button></form>',
  '<isindex type=image src=1 onerror=alert(47)>',
  '<xss onpointerenter=alert(48) style=display:block>hover</xss>',
  '<scr<script>ipt>alert(49)</scr</script>ipt>',
  '{{constructor.constructor(\'alert(50)\')()}}',
  '${alert(51)}',
  "'-alert(52)-'",
  '&lt;script&gt;alert(53)&lt;/script&gt;',
  '&#60;script&#62;alert(54)&#60;/script&#62;',
  '\u2028alert(55)\u2029',
  '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(56)</x:script>',
  '<x onclick=alert(57)>Q&A "quoted" \'single\' </x>',
];

/** The round-trip headline of issue 12. */
const ROUND_TRIP = 'Why `</script>` Still Breaks Sites';

/** Elements the app itself renders; a payload that became markup would add others. */
const APP_ELEMENTS = new Set([
  'html', 'head', 'body', 'title', 'meta', 'link', 'script', 'header', 'footer', 'nav', 'main', 'article',
  'section', 'div', 'span', 'p', 'a', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'figure', 'figcaption', 'picture', 'source', 'img', 'time',
  'blockquote', 'code', 'pre', 'em', 'strong', 'hr', 'button', 'form', 'label', 'input', 'fieldset', 'legend',
  'select', 'option', 'mark',
]);

const toml = (text) => JSON.stringify(text);
/** Text that Markdown reads back as it is: every ASCII punctuation character escaped. */
const markdownText = (text) => text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
/** A code span that holds `text` whatever backticks it has. */
const codeSpan = (text) => {
  const longest = Math.max(0, ...(text.match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
};

/** The hostile content folder: one article, author and insight per payload. */
function writeNewsroom(dir) {
  const put = (relative, text) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };
  const pick = (i) => PAYLOADS[i % PAYLOADS.length];
  const sections = [0, 1, 2].map((i) => ({ slug: `section-${i}`, name: pick(i + 4) }));
  const regions = [0, 1].map((i) => ({ slug: `region-${i}`, name: pick(i + 12) }));
  put('site.toml', [
    `name = ${toml(pick(4))}`,
    `tagline = ${toml(pick(5))}`,
    'url = "https://dispatch.example"',
    'language = "en"',
    'page_size = 12',
    ...sections.flatMap(({ slug, name }) => ['', '[[sections]]', `slug = "${slug}"`, `name = ${toml(name)}`]),
    ...regions.flatMap(({ slug, name }) => ['', '[[regions]]', `slug = "${slug}"`, `name = ${toml(name)}`]),
    '',
  ].join('\n'));
  copyFileSync(path.join(DIST, 'content/images/site-logo.svg'), mkdirFor(dir, 'images/site-logo.svg'));
  put('images/chart.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="#246"/></svg>');
  const insights = [];
  PAYLOADS.forEach((payload, i) => {
    put(`authors/writer-${i}.toml`, [
      `name = ${toml(payload)}`,
      `role = ${toml(pick(i + 1))}`,
      `bio = ${toml(pick(i + 2))}`,
      '',
      '[photo]',
      'src = "/content/images/chart.svg"',
      'width = 160',
      'height = 160',
      `alt = ${toml(pick(i + 3))}`,
      '',
      '[[links]]',
      `label = ${toml(pick(i + 4))}`,
      'href = "https://writer.example/profile"',
      '',
    ].join('\n'));
    insights.push([
      '[[insights]]',
      'kind = "report"',
      `title = ${toml(payload)}`,
      `summary = ${toml(pick(i + 1))}`,
      `date = "2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+00:00"`,
      'link = "https://reports.example/r"',
      '',
    ].join('\n'));
    const headline = i === 0 ? ROUND_TRIP : payload;
    const day = String(1 + (i % 28)).padStart(2, '0');
    put(`articles/story-${i}.md`, [
      '+++',
      `headline = ${toml(headline)}`,
      `deck = ${toml(pick(i + 1))}`,
      `section = "section-${i % 3}"`,
      `regions = ["region-${i % 2}"]`,
      // A tag's slug names files, so the compiler refuses one past 200
      // bytes; the longest payloads go in shortened.
      `tags = [${toml(pick(i + 2).slice(0, 60))}, ${toml(`Tag ${i}`)}]`,
      // The round-trip story is the newest, so both feeds carry it.
      i === 0 ? 'published = "2026-11-30T12:00:00+00:00"' : `published = "2026-11-${day}T${String(i % 24).padStart(2, '0')}:00:00+00:00"`,
      `authors = ["writer-${i}"]`,
      '',
      '[hero]',
      'src = "/content/images/chart.svg"',
      'width = 1200',
      'height = 675',
      `alt = ${toml(pick(i + 3))}`,
      `caption = ${toml(pick(i + 4))}`,
      `credit = ${toml(`Source: ${pick(i + 5)}`)}`,
      '+++',
      '',
      `${markdownText(payload)} and ${codeSpan(pick(i + 6))} and [${markdownText(pick(i + 7))}](https://www.cisa.gov/kev).`,
      '',
      `## ${markdownText(pick(i + 8))}`,
      '',
      '```',
      pick(i + 9),
      '```',
      '',
      `![${markdownText(pick(i + 10))}](/content/images/chart.svg "${markdownText(pick(i + 11))} | Source: ${markdownText(pick(i + 12))}")`,
      '',
      `> ${markdownText(pick(i + 13))}`,
      '>',
      `> — ${markdownText(pick(i + 14))}`,
      '',
      `- ${markdownText(pick(i + 15))}`,
      `- ${markdownText(pick(i + 16))}`,
      '',
    ].join('\n'));
  });
  put('insights.toml', insights.join('\n'));
}

function mkdirFor(dir, relative) {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  return path.join(dir, relative);
}

/**
 * The release pipeline on the hostile content: dispatch-press, then the
 * app's built files from dist/ (the wasm does not depend on content),
 * then dispatch-prerender and Pagefind; `_headers` without its CSP line.
 */
function buildHostileSite() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-hostile-'));
  const content = path.join(dir, 'content-source');
  const site = path.join(dir, 'site');
  writeNewsroom(content);
  execFileSync(process.env.DISPATCH_PRESS, ['--content', content, '--out', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  const app = /^(_shell\.html|_search_shell\.html|_page_shell\.html|_redirects|newsletter\.json|favicon-.*|.*\.(wasm|js|css))(\.br|\.gz)?$/;
  for (const name of readdirSync(DIST)) {
    if (app.test(name)) copyFileSync(path.join(DIST, name), path.join(site, name));
  }
  execFileSync(process.env.DISPATCH_PRERENDER, ['--root', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The search index, as the release build makes it, in the same folder.
  const bundle = readdirSync(path.join(DIST, 'pagefind')).map((version) => path.join('pagefind', version))[0];
  execFileSync(path.join('node_modules', '.bin', 'pagefind'), ['--site', site, '--output-path', path.join(site, bundle), '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const headers = readFileSync(path.join(DIST, '_headers'), 'utf8').split('\n')
    .filter((line) => !line.trim().startsWith('Content-Security-Policy:')).join('\n');
  writeFileSync(path.join(site, '_headers'), headers);
  return { dir, site };
}

/** Every prerendered page of `site`, as addresses. */
function pagesOf(site) {
  return readdirSync(site, { recursive: true })
    .filter((name) => name.endsWith('.html') && !name.startsWith('content') && !name.startsWith('_'))
    .map((name) => (name === 'index.html' ? '/' : `/${name.slice(0, -'.html'.length)}`))
    .sort();
}

/**
 * What the DOM shows of a payload that became markup: elements the app
 * never renders, event-handler attributes, scripts beyond the page's own,
 * and links, sources or styles that run script.
 */
function inspectDom(shellScripts) {
  const found = [];
  const allowed = new Set(window.__appElements);
  for (const element of document.querySelectorAll('*')) {
    const name = element.localName;
    if (!allowed.has(name)) found.push(`element <${name}>`);
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`<${name} ${attribute.name}>`);
      if (/^\s*(javascript|vbscript|data):/i.test(attribute.value) && ['href', 'src', 'action', 'formaction', 'data', 'background'].includes(attribute.name)) {
        found.push(`<${name} ${attribute.name}="${attribute.value}">`);
      }
      if (attribute.name === 'style' && /(url\(|expression\(|javascript)/i.test(attribute.value)) {
        found.push(`<${name} style="${attribute.value}">`);
      }
    }
  }
  for (const link of document.querySelectorAll('a[href]')) {
    if (!['http:', 'https:', 'mailto:'].includes(link.protocol)) found.push(`a link to ${link.href}`);
  }
  const scripts = [...document.scripts].map((script) => script.type || 'classic');
  const expected = shellScripts + 1 + (document.querySelector('script[type="application/ld+json"]') ? 1 : 0);
  if (scripts.length !== expected) found.push(`${scripts.length} scripts, expected ${expected}: ${scripts.join(', ')}`);
  if (document.querySelectorAll('script#preloaded').length > 1) found.push('two preloaded data blocks');
  return found;
}

describe('a hostile newsroom, served without its Content-Security-Policy', () => {
  const shared = {};
  before(async () => {
    shared.built = buildHostileSite();
    shared.site = await startSite(shared.built.site);
    shared.browser = await launchBrowser();
    shared.shellScripts = (readFileSync(path.join(DIST, '_shell.html'), 'utf8').match(/<script[\s>]/g) || []).length;
  });
  after(async () => {
    await shared.browser?.close();
    shared.site?.stop();
    if (shared.built) rmSync(shared.built.dir, { recursive: true, force: true });
  });

  /** A page that records every dialog (a payload's alert) and uncaught error. */
  async function hostilePage() {
    const context = await shared.browser.newContext();
    const page = await context.newPage();
    const ran = [];
    page.on('dialog', async (dialog) => {
      ran.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on('pageerror', (error) => ran.push(`uncaught: ${error.message}`));
    await page.addInitScript((elements) => { window.__appElements = elements; }, [...APP_ELEMENTS]);
    return { page, ran, close: () => context.close() };
  }

  test('the server sends no CSP, so only the escaping stands between a payload and the reader', async () => {
    const response = await fetch(`${shared.site.url}/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), null);
  });

  test('no payload runs or leaves markup on any prerendered page, before or after hydration', async () => {
    const pages = pagesOf(shared.built.site);
    assert.ok(pages.length > PAYLOADS.length * 2, `${pages.length} pages`);
    const { page, ran, close } = await hostilePage();
    const problems = [];
    let shareChecked = 0;
    try {
      // A handful of findings says enough; a broken build stops early
      // rather than wait out every page.
      for (const address of pages) {
        if (problems.length >= 10) break;
        const response = await page.goto(shared.site.url + address);
        if (response.status() !== 200) problems.push(`${address}: status ${response.status()}`);
        // The page as served, before the app runs, and again once it has.
        for (const found of await page.evaluate(inspectDom, shared.shellScripts)) problems.push(`${address} as served: ${found}`);
        const started = await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 15_000 })
          .then(() => true, () => false);
        if (started) {
          // Every effect of the first render has run once the browser is idle.
          await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
          for (const found of await page.evaluate(inspectDom, shared.shellScripts)) problems.push(`${address} hydrated: ${found}`);
          // The share links the app mounted (from the page's headline and
          // address) are the ones the page was served with.
          const served = await response.text();
          const [before, after] = await page.evaluate((html) => [new DOMParser().parseFromString(html, 'text/html'), document]
            .map((doc) => [...doc.querySelectorAll('nav.share a')].map((link) => link.getAttribute('href')).join('\n')), served);
          if (before !== after) problems.push(`${address}: share links were\n${before}\nand are\n${after}`);
          if (before) shareChecked += 1;
        } else {
          problems.push(`${address}: the app did not start`);
        }
        problems.push(...ran.splice(0).map((what) => `${address}: ${what}`));
      }
    } finally {
      await close();
    }
    assert.deepEqual(problems, []);
    assert.ok(shareChecked >= PAYLOADS.length, `share links compared on ${shareChecked} articles`);
  });

  test('no payload runs or leaves markup when pages are reached through in-app navigation (or, for search, its own page)', async () => {
    const { page, ran, close } = await hostilePage();
    const problems = [];
    try {
      await page.goto(`${shared.site.url}/`);
      await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
      const links = await page.evaluate(() => [...new Set([...document.querySelectorAll('main a[href^="/"], header a[href^="/"]')]
        .map((link) => link.getAttribute('href')))]);
      assert.ok(links.length >= 10, `${links.length} links`);
      const here = () => location.pathname + location.search;
      for (const href of links.filter((link) => link !== '/')) {
        const before = await page.evaluate(here);
        const loads = [];
        const onLoad = () => loads.push(1);
        page.on('load', onLoad);
        await page.locator(`a[href="${href}"]`).first().click();
        await page.waitForFunction((target) => location.pathname + location.search === target, href);
        await page.locator('main h1').first().waitFor();
        await page.locator('.skeleton').waitFor({ state: 'detached' });
        page.off('load', onLoad);
        // The search page has an app of its own, which it loads whole.
        const own = href.split('?')[0] === '/search';
        if (own !== (loads.length > 0)) problems.push(`${href}: ${own ? 'an in-app navigation, not a page load' : 'a page load, not an in-app navigation'}`);
        for (const found of await page.evaluate(inspectDom, shared.shellScripts)) problems.push(`${href}: ${found}`);
        problems.push(...ran.splice(0).map((what) => `${href}: ${what}`));
        await page.goBack();
        await page.waitForFunction((target) => location.pathname + location.search === target, before);
      }
    } finally {
      await close();
    }
    assert.deepEqual(problems, []);
  });

  test('search results show hostile headlines, decks and excerpts as text, and nothing runs', async () => {
    const { page, ran, close } = await hostilePage();
    try {
      await page.goto(`${shared.site.url}/search?q=script`);
      await page.waitForFunction(() => /\d+ results? for/.test(document.querySelector('.search-status')?.textContent ?? ''), null, { timeout: 30_000 });
      assert.ok((await page.locator('.search-results > li').count()) > 1);
      await page.getByRole('button', { name: 'More results' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.search-results > li').length > 10);
      await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
      const headlines = await page.locator('.search-results .card-headline').allTextContents();
      for (const headline of headlines) assert.ok([ROUND_TRIP, ...PAYLOADS].includes(headline), `a headline as written: ${headline}`);
      assert.ok((await page.locator('.search-results mark').count()) > 0, 'the excerpts mark the word');
      assert.deepEqual(await page.evaluate(inspectDom, shared.shellScripts), []);
      assert.deepEqual(ran, []);
    } finally {
      await close();
    }
  });

  test('headlines and decks read exactly as written, in the page and the tab', async () => {
    const { page, ran, close } = await hostilePage();
    try {
      for (const i of [1, 4, 5, 11, 24, 56, PAYLOADS.length - 1]) {
        const story = JSON.parse(readFileSync(path.join(shared.built.site, `content/articles/story-${i}.json`), 'utf8'));
        await page.goto(`${shared.site.url}/${story.section.slug}/${story.slug}`);
        await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
        assert.equal(await page.locator('main h1').textContent(), PAYLOADS[i].trim());
        assert.equal(await page.title(), `${PAYLOADS[i].trim()} | Dispatch`);
        assert.equal(await page.locator('.article-deck').textContent(), PAYLOADS[(i + 1) % PAYLOADS.length].trim());
      }
      assert.deepEqual(ran, []);
    } finally {
      await close();
    }
  });

  test('the feeds and the sitemap parse, with every headline intact', async () => {
    const headlines = PAYLOADS.map((payload, i) => (i === 0 ? ROUND_TRIP : payload).trim());
    const { page, close } = await hostilePage();
    try {
      await page.goto(`${shared.site.url}/`);
      const parsed = await page.evaluate(async () => {
        const read = async (file) => new DOMParser().parseFromString(await (await fetch(file)).text(), 'application/xml');
        const rss = await read('/rss.xml');
        const sitemap = await read('/sitemap.xml');
        return {
          errors: [rss, sitemap].map((doc) => doc.querySelector('parsererror')?.textContent ?? null),
          titles: [...rss.querySelectorAll('item > title')].map((title) => title.textContent),
          channel: rss.querySelector('channel > title').textContent,
          locations: [...sitemap.querySelectorAll('url > loc')].map((loc) => loc.textContent),
        };
      });
      assert.deepEqual(parsed.errors, [null, null]);
      assert.equal(parsed.channel, PAYLOADS[4]);
      assert.ok(parsed.titles.length >= 30, `${parsed.titles.length} items`);
      for (const title of parsed.titles) assert.ok(headlines.includes(title), `an RSS title changed: ${title}`);
      assert.ok(parsed.titles.includes(ROUND_TRIP));
      assert.ok(parsed.locations.length > PAYLOADS.length && parsed.locations.every((loc) => loc.startsWith('https://dispatch.example/')));
      const feed = JSON.parse(readFileSync(path.join(shared.built.site, 'feed.json'), 'utf8'));
      for (const item of feed.items) assert.ok(headlines.includes(item.title), `a JSON Feed title changed: ${item.title}`);
      assert.ok(feed.items.some((item) => item.title === ROUND_TRIP));
    } finally {
      await close();
    }
  });

  test(`"${ROUND_TRIP}" reads as written in the page, tab, share links, OG/X tags, JSON-LD and both feeds`, async () => {
    const story = JSON.parse(readFileSync(path.join(shared.built.site, 'content/articles/story-0.json'), 'utf8'));
    assert.equal(story.headline, ROUND_TRIP);
    const address = `/${story.section.slug}/${story.slug}`;
    const { page, ran, close } = await hostilePage();
    try {
      await page.goto(shared.site.url + address);
      const head = await page.evaluate(() => ({
        og: document.querySelector('meta[property="og:title"]').content,
        x: document.querySelector('meta[name="twitter:title"]').content,
        ld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent).headline,
      }));
      assert.deepEqual(head, { og: ROUND_TRIP, x: ROUND_TRIP, ld: ROUND_TRIP });
      await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
      assert.equal(await page.locator('main h1').textContent(), ROUND_TRIP);
      assert.equal(await page.title(), `${ROUND_TRIP} | Dispatch`);
      const share = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.share a')].map((link) => [link.textContent, link.href])));
      const email = new URL(Object.entries(share).find(([, href]) => href.startsWith('mailto:'))[1]);
      assert.equal(email.searchParams.get('subject'), ROUND_TRIP);
      const x = new URL(Object.entries(share).find(([, href]) => href.startsWith('https://x.com/'))[1]);
      assert.equal(x.searchParams.get('text'), ROUND_TRIP);
      assert.equal(x.searchParams.get('url'), `https://dispatch.example${address}`);
      const rss = readFileSync(path.join(shared.built.site, 'rss.xml'), 'utf8');
      assert.ok(rss.includes('<title>Why `&lt;/script&gt;` Still Breaks Sites</title>'));
      const feed = JSON.parse(readFileSync(path.join(shared.built.site, 'feed.json'), 'utf8'));
      assert.ok(feed.items.some((item) => item.title === ROUND_TRIP));
      assert.deepEqual(ran, []);
    } finally {
      await close();
    }
  });
});
