import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../lib/server/web/markdown.js';
import { createMarkdownRenderer } from '../../lib/server/web/markdown-renderer.js';

const targets = new Map([['Database choice', { href: '/web/w/default/demo/p/decisions/db.md', title: 'Database choice' }]]);

/** The longest the main thread went without running a timer while `work` was pending. */
async function longestStall<T>(work: Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const value = await work;
    return { value, stallMs };
  } finally {
    clearInterval(tick);
  }
}

describe('markdown rendering off the main thread', () => {
  it('renders a large page in a worker exactly as on the main thread, without stalling it', async () => {
    const renderer = createMarkdownRenderer({ inlineChars: 1024 });
    try {
      const body = Array.from({ length: 1500 }, (_, i) => `Line ${i}: **bold**, _em_, [[Database choice]] and [a link](https://example.com/${i}).\n`).join('\n');
      const { value, stallMs } = await longestStall(renderer.render(body, targets, 'Big page'));
      assert.equal(value, renderMarkdown(body, (t) => targets.get(t) ?? null, 'Big page').value);
      assert.match(value, /class="wikilink"/);
      assert.ok(stallMs < 250, `the main thread stalled ${Math.round(stallMs)} ms`);
    } finally {
      renderer.stop();
    }
  });

  it('shows a page whose markup takes too long as escaped plain text, and keeps serving the next one', async () => {
    const renderer = createMarkdownRenderer({ inlineChars: 1024, timeoutMs: 300 });
    try {
      // Thousands of unmatched emphasis markers: superlinear in micromark (minutes at 200 kB).
      const hostile = `<script>alert(1)</script>\n${'*_'.repeat(100_000)}`;
      const started = performance.now();
      const { value, stallMs } = await longestStall(renderer.render(hostile, new Map(), undefined));
      assert.ok(performance.now() - started < 5000, 'gave up after the timeout');
      assert.match(value, /^<p class="render-notice">Shown as plain text: rendering it took longer than 0.3 s\.<\/p><pre class="plain-page">&lt;script&gt;/);
      assert.ok(!value.includes('<script>'));
      assert.ok(stallMs < 250, `the main thread stalled ${Math.round(stallMs)} ms`);
      const after = await renderer.render(`# Next\n\n${'text '.repeat(400)}`, new Map(), undefined);
      assert.match(after, /<h1>Next<\/h1>/);
    } finally {
      renderer.stop();
    }
  });
});
