import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { browserSkip, launchBrowser, screenshot } from './browser.js';

const SESSION = '5f0d2c7e-3b1a-4e8f-9c2d-7a6b1e4f8d90';

/** Claude Code's payloads as the fixtures record them (trimmed to the fields that matter). */
const EVENTS: Array<Record<string, unknown>> = [
  { hook_event_name: 'SessionStart', source: 'startup' },
  { hook_event_name: 'UserPromptSubmit', prompt: 'Add a rate limiter to the API\nand keep the tests green' },
  { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test', description: 'Run the tests' }, tool_use_id: 't1' },
  { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm test', description: 'Run the tests' }, tool_use_id: 't1', tool_response: { stdout: 'middleware\n  ✓ limits\n  ✓ refills\n\n6 passing', stderr: '', interrupted: false } },
  { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm run lint', description: 'Lint' }, tool_use_id: 't2' },
  {
    hook_event_name: 'PostToolUseFailure',
    tool_name: 'Bash',
    tool_input: { command: 'npm run lint', description: 'Lint' },
    tool_use_id: 't2',
    error: "Exit code 1\n/home/dev/src/acme-api/src/middleware/rateLimit.ts\n  12:7  error  'refill' is assigned a value but never used  no-unused-vars\n\n✖ 1 problem (1 error, 0 warnings)",
  },
  { hook_event_name: 'PostToolUse', tool_name: 'mcp__memory__list', tool_input: {}, tool_response: [{ type: 'text', text: '[{"path":"notes/a.md","kind":"note"},{"path":"rules/b.md","kind":"rule"}]' }] },
];

describe('session timeline in chromium', { skip: browserSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startSuiteServer();
    await server.client.writePage({ project: 'acme-api', path: 'notes/readme.md', title: 'Readme', body: 'The API.' });
    for (const event of EVENTS) {
      const response = await fetch(`${server.url}/hook?agent=claude-code&workspace=default&project=acme-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: SESSION, cwd: '/home/dev/src/acme-api', ...event }),
      });
      assert.equal(response.status, 202, await response.text());
    }
    // The capture work turns Stop's last_assistant_message into an assistant-reply event and
    // adds exit codes; these lines are written the way the raw log stores events.
    const raw = join(server.dataDir, 'raw', 'default', 'acme-api', `${SESSION}.jsonl`);
    await waitFor(async () => (await fetch(`${server.url}/web/w/default/acme-api/sessions/${SESSION}`)).ok, 'the session to be captured');
    const line = (fields: Record<string, unknown>) => `${JSON.stringify({ record: 'event', v: 1, id: `e-${Math.random()}`, at: new Date().toISOString(), agent: 'claude-code', session: SESSION, ...fields })}\n`;
    await appendFile(raw, line({ kind: 'post-tool', native: 'PostToolUse', tool: { name: 'Bash', input: 'tsc --noEmit', output: "src/a.ts(3,1): error TS2304: Cannot find name 'x'.\nsrc/b.ts(9,2): error TS2322", exit_code: 2, error: "src/a.ts(3,1): error TS2304: Cannot find name 'x'." } }));
    await appendFile(raw, line({ kind: 'assistant-reply', native: 'Stop', reply: 'The limiter is in place and **all 6** middleware tests pass.\n\n- one lint error remains in `rateLimit.ts`' }));
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows one row per tool call, failures with their command and first error lines, and the replies', async () => {
    await page.goto(`${server.url}/web/w/default/acme-api/sessions/${SESSION}`);
    await screenshot(page, 'session-timeline');
    const tools = page.locator('.timeline li.ev-tool');
    // Pre and post of the same call are one row: two Bash calls and an MCP call from hooks, one from the raw log.
    assert.equal(await tools.count(), 4);
    assert.deepEqual(await page.locator('.timeline li.ev-tool .ev-input').allInnerTexts(), ['npm test', 'npm run lint', 'tsc --noEmit']);

    const lint = page.locator('.timeline li.ev-tool.failed', { hasText: 'npm run lint' });
    // The error is visible without opening anything, with its line breaks.
    const error = lint.locator('pre.ev-error');
    assert.ok(await error.isVisible());
    assert.match(await error.innerText(), /Exit code 1\n.*rateLimit\.ts\n.*'refill' is assigned/);

    const tsc = page.locator('.timeline li.ev-tool.failed', { hasText: 'tsc --noEmit' });
    assert.equal(await tsc.locator('.badge.fail').innerText(), 'exit 2');
    assert.match(await tsc.locator('pre.ev-error').innerText(), /TS2304/);

    // A passing call keeps its output one click away, newlines kept.
    const passing = page.locator('.timeline li.ev-tool', { hasText: 'npm test' });
    assert.equal(await passing.locator('.badge.fail').count(), 0);
    await passing.locator('summary').click();
    assert.match(await passing.locator('pre.ev-output').innerText(), /✓ limits\n {2}✓ refills/);

    // JSON results read as a table.
    const mcp = page.locator('.timeline li.ev-tool', { hasText: 'mcp__memory__list' });
    await mcp.locator('summary').click();
    assert.deepEqual(await mcp.locator('.ev-table th').allInnerTexts(), ['path', 'kind']);
    assert.equal(await mcp.locator('.ev-table tbody tr').count(), 2);

    // The prompt keeps its line break; the agent's reply is rendered markdown, after the tools.
    assert.equal(await page.locator('.timeline .prompt').innerText(), 'Add a rate limiter to the API\nand keep the tests green');
    const reply = page.locator('.timeline li.ev-reply');
    assert.equal(await reply.locator('strong').innerText(), 'all 6');
    assert.equal(await reply.locator('li code').innerText(), 'rateLimit.ts');
    const kinds = await page.locator('.timeline > li').evaluateAll((items) => items.map((li) => li.className.split(' ')[0]));
    assert.equal(kinds.at(-1), 'ev-reply');
    assert.match(await page.locator('.page-head .meta').innerText(), /1 prompt\b.*4 tool calls, 2 failed/s);
    // Named by what it was about (a live session has no page yet: its first prompt); the id is in the meta line.
    assert.equal(await page.locator('h1').innerText(), 'Add a rate limiter to the API');
    assert.equal(await page.locator('.page-head .meta code').innerText(), SESSION);
    // Each step has its own link, to point someone at the failing call.
    const href = await lint.locator('a.step-link').getAttribute('href');
    assert.equal(await page.locator(`li${href}`).getAttribute('class'), 'ev-tool failed');
  });
});
