import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { renderPendingHandoff } from '../../lib/core/capture/handoff-block.js';
import { commitSubjects, git } from '../helpers/git.js';
import { startSuiteServer, type TestServer } from '../helpers/server.js';
import { call, callError, httpClient } from './helpers.js';

const TOOLS = [
  'memory_query',
  'memory_recent',
  'memory_read_page',
  'memory_history',
  'memory_write_page',
  'memory_delete_page',
  'memory_status',
  'memory_briefing',
  'memory_handoff_begin',
  'memory_handoff_list',
  'memory_handoff_accept',
  'memory_handoff_cancel',
  'memory_read_session_observations',
  'memory_consolidate',
  'memory_lint',
  'memory_forget_sweep',
  'memory_feedback',
  'memory_explore',
];
const demo = { workspace: 'default', project: 'demo' };
const other = { workspace: 'default', project: 'other' };

describe('MCP over Streamable HTTP with the official SDK client', () => {
  let server: TestServer;
  let client: Client;
  after(async () => {
    await client.close();
    await server.dispose();
  });
  before(async () => {
    server = await startSuiteServer();
    client = await httpClient(server.url);
  });

  it('initializes statelessly with instructions, and lists every tool with a complete input schema', async () => {
    assert.equal(client.getServerVersion()?.name, 'ai-memory');
    assert.match(client.getInstructions() ?? '', /untrusted historical data/);
    assert.match(client.getInstructions() ?? '', /Where did we leave off/);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const tool of tools) assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} lists the only arguments it takes`);
    for (const tool of tools) {
      const schema = tool.inputSchema as Record<string, unknown>;
      assert.equal(schema.type, 'object', tool.name);
      for (const combinator of ['anyOf', 'oneOf', 'allOf']) assert.equal(schema[combinator], undefined, `${tool.name} has a root ${combinator}`);
      assert.ok(tool.description && tool.description.length > 30, `${tool.name} has a description`);
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        assert.ok(property.type || property.enum || property.anyOf, `${tool.name}.${name} has a type`);
        assert.ok(typeof property.description === 'string' && property.description.length > 5, `${tool.name}.${name} has a description`);
      }
      assert.ok(tool.annotations, `${tool.name} has annotations`);
    }
    const hints = (name: string) => tools.find((t) => t.name === name)!.annotations!;
    assert.equal(hints('memory_query').readOnlyHint, true);
    assert.equal(hints('memory_delete_page').destructiveHint, true);
    assert.deepEqual([hints('memory_consolidate').idempotentHint, hints('memory_consolidate').openWorldHint], [false, true]);
  });

  it('names only tools it has, in its instructions and in the SessionStart handoff block', async () => {
    // An agent told to "read them with memory_x" calls memory_x: a name the server lacks is a failed call.
    const { tools } = await client.listTools();
    const listed = new Set(tools.map((t) => t.name));
    const block = renderPendingHandoff({ id: '20261125-101500-ab12cd', state: 'open', created: '2026-11-25T10:15:00.000Z', manual: false, title: 'Quota', sessionPage: 'sessions/abc.md', nextSteps: ['Add the migration'], openQuestions: [], filesTouched: [], summary: 'Quota check added.' });
    for (const [where, text] of [['the handoff block', block], ['the instructions', client.getInstructions() ?? '']] as const) {
      const named = [...new Set(text.match(/\bmemory_[a-z_]+/g) ?? [])];
      assert.ok(named.length > 0, `${where} names some tools`);
      assert.deepEqual(named.filter((name) => !listed.has(name)), [], `${where} names tools the server does not have`);
    }
  });

  it('writes a page that memory_query finds at once, that git records, and whose old version stays readable', async () => {
    const first = await call<{ status: string; title: string; commit: string }>(client, 'memory_write_page', {
      ...demo,
      path: 'decisions/0001-db.md',
      body: '# Standardised on Postgres\n\nWe use Postgres 16 for the orders service.',
      pinned: true,
      tags: ['db'],
    });
    assert.equal(first.status, 'created');
    assert.equal(first.title, 'Standardised on Postgres');
    const found = await call<{ hits: Array<{ path: string; snippet: string }> }>(client, 'memory_query', { ...demo, query: 'postgres orders' });
    assert.equal(found.hits[0]?.path, 'decisions/0001-db.md');
    assert.match(git(server.wikiDir, 'log', '--format=%s', '--', 'default/demo/decisions/0001-db.md'), /Create default\/demo\/decisions\/0001-db.md: Standardised on Postgres/);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // commit times have one-second resolution
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call(client, 'memory_write_page', { ...demo, path: 'decisions/0001-db.md', body: '# Standardised on Postgres\n\nWe moved to Postgres 17.' });
    const history = await call<{ commits: Array<{ commit: string; stat: { added: number; removed: number } }> }>(client, 'memory_history', { ...demo, path: 'decisions/0001-db.md' });
    assert.equal(history.commits.length, 2);
    // The body line and the frontmatter's `updated` stamp.
    assert.deepEqual(history.commits[0]!.stat, { added: 2, removed: 2 });
    const latest = await call<Record<string, unknown>>(client, 'memory_read_page', { ...demo, path: 'decisions/0001-db.md' });
    assert.ok(typeof latest.body === 'string' && !('indexed_hash' in latest), 'no editor-only fields for an agent');
    const byRev = await call<{ body: string; rev: string }>(client, 'memory_read_page', { ...demo, path: 'decisions/0001-db.md', rev: history.commits[1]!.commit.slice(0, 7) });
    assert.match(byRev.body, /Postgres 16/);
    const byDate = await call<{ body: string }>(client, 'memory_read_page', { ...demo, path: 'decisions/0001-db.md', as_of: between });
    assert.match(byDate.body, /Postgres 16/);
    const now = await call<{ body: string }>(client, 'memory_read_page', { ...demo, query: 'postgres' });
    assert.match(now.body, /Postgres 17/);
  });

  it('keeps projects apart, and labels every hit of a global query with its project', async () => {
    await call(client, 'memory_write_page', { ...demo, path: 'notes/shared-name.md', body: '# Shared\n\nzebra facts for demo' });
    await call(client, 'memory_write_page', { ...other, path: 'notes/shared-name.md', body: '# Shared\n\nzebra facts for other' });
    // Hits from the one project searched leave their project to the result's scope.
    const inDemo = await call<{ hits: Array<{ path: string; project?: string }>; scope: { project: string } }>(client, 'memory_query', { ...demo, query: 'zebra' });
    assert.deepEqual(inDemo.hits.map((h) => [h.path, h.project]), [['notes/shared-name.md', undefined]]);
    assert.equal(inDemo.scope.project, 'demo');
    const page = await call<{ body: string }>(client, 'memory_read_page', { ...other, path: 'notes/shared-name.md' });
    assert.match(page.body, /for other/);
    const everywhere = await call<{ hits: Array<{ workspace: string; project: string }>; scope: unknown }>(client, 'memory_query', { query: 'zebra', global: true });
    assert.deepEqual(everywhere.hits.map((h) => `${h.workspace}/${h.project}`).sort(), ['default/demo', 'default/other']);
    assert.deepEqual(everywhere.scope, { resolved_by: 'all_projects' });
    const listed = await call<{ scope: unknown }>(client, 'memory_query', { query: 'zebra', scopes: [demo, other] });
    assert.deepEqual(listed.scope, { resolved_by: 'explicit', projects: ['default/demo', 'default/other'] });
    await call(client, 'memory_write_page', { scope: 'global', path: 'rules/style.md', body: '# Style\n\nPrefer small zebra-striped files.' });
    assert.ok(readdirSync(join(server.wikiDir, 'default/_global/rules')).includes('style.md'));
  });

  it('reads the cross-project pages with scope "global", as the server instructions say', async () => {
    await call(client, 'memory_write_page', { scope: 'global', path: 'rules/indent.md', body: '# Indent\n\nTwo spaces, never tabs.' });
    const page = await call<{ project: string; body: string; scope: { resolved_by: string } }>(client, 'memory_read_page', { scope: 'global', path: 'rules/indent.md' });
    assert.equal(page.project, '_global');
    assert.match(page.body, /never tabs/);
    assert.equal(page.scope.resolved_by, 'global');
    const history = await call<{ commits: unknown[] }>(client, 'memory_history', { scope: 'global', path: 'rules/indent.md' });
    assert.equal(history.commits.length, 1);
    const found = await call<{ hits: Array<{ path: string }>; scope: { project: string } }>(client, 'memory_query', { scope: 'global', query: 'tabs' });
    assert.deepEqual(found.hits.map((h) => `${found.scope.project}/${h.path}`), ['_global/rules/indent.md']);
    const recent = await call<{ hits: Array<{ project: string }> }>(client, 'memory_recent', { scope: 'global' });
    assert.ok(recent.hits.length > 0 && recent.hits.every((h) => h.project === '_global'));
    assert.match(await callError(client, 'memory_read_page', { ...demo, scope: 'global', path: 'rules/indent.md' }), /not both/);
    assert.match(await callError(client, 'memory_query', { scope: 'global', global: true, query: 'tabs' }), /not several/);
  });

  it('answers every other tool with one JSON document', async () => {
    const status = await call<{ scope: { resolved_by: string }; counts: { pages: number } }>(client, 'memory_status', demo);
    assert.equal(status.scope.resolved_by, 'explicit');
    assert.ok(status.counts.pages >= 2);
    const recent = await call<{ hits: unknown[] }>(client, 'memory_recent', { ...demo, limit: 2 });
    assert.equal(recent.hits.length, 2);
    const briefing = await call<{ pinned: Array<{ path: string }>; activity_7d: { days: number } }>(client, 'memory_briefing', demo);
    assert.deepEqual(briefing.pinned.map((p) => p.path), ['decisions/0001-db.md']);
    assert.equal(briefing.activity_7d.days, 7);
    const related = await call<{ related: unknown[] }>(client, 'memory_read_page', { ...demo, path: 'notes/shared-name.md', include_related: true });
    assert.ok(Array.isArray(related.related));
    const feedback = await call<{ counts: { stale: number } }>(client, 'memory_feedback', { ...demo, path: 'notes/shared-name.md', signal: 'stale', reason: 'zebras moved' });
    assert.equal(feedback.counts.stale, 1);
    assert.equal(commitSubjects(server.wikiDir)[0], 'Feedback on default/demo/notes/shared-name.md: stale (zebras moved)');

    const begun = await call<{ handoff_id: string }>(client, 'memory_handoff_begin', { ...demo, summary: 'Halfway through the exporter', next_steps: ['finish the CSV writer'] });
    const listed = await call<{ handoffs: Array<{ id: string; manual: boolean; next_steps: string[]; path: string }> }>(client, 'memory_handoff_list', demo);
    assert.deepEqual(listed.handoffs.map((h) => [h.id, h.manual, h.next_steps, h.path]), [[begun.handoff_id, true, ['finish the CSV writer'], `handoffs/${begun.handoff_id}.md`]]);
    // Keys are snake_case like the arguments and every other result.
    assert.ok(Object.keys(listed.handoffs[0]!).every((key) => /^[a-z_]+$/.test(key)), Object.keys(listed.handoffs[0]!).join());
    const accepted = await call<{ status: string; markdown: string; handoff: { state: string; accepted_at: string } }>(client, 'memory_handoff_accept', { ...demo, handoff_id: begun.handoff_id });
    assert.equal(accepted.status, 'claimed');
    assert.equal(accepted.handoff.state, 'accepted');
    assert.ok(!Number.isNaN(Date.parse(accepted.handoff.accepted_at)));
    assert.match(accepted.markdown, /finish the CSV writer/);
    assert.equal((await call<{ status: string }>(client, 'memory_handoff_accept', { ...demo, handoff_id: begun.handoff_id })).status, 'none_pending');
    const second = await call<{ handoff_id: string }>(client, 'memory_handoff_begin', { ...demo, summary: 'left by mistake' });
    assert.equal((await call<{ cancelled: boolean }>(client, 'memory_handoff_cancel', { ...demo, handoff_id: second.handoff_id })).cancelled, true);

    // Observations come from captured hook events.
    await fetch(`${server.url}/hook?agent=codex&workspace=default&project=demo`, {
      method: 'POST',
      body: JSON.stringify({ session_id: 'obs-1', cwd: '/w/demo', hook_event_name: 'UserPromptSubmit', prompt: 'trace the exporter bug' }),
    });
    const observations = await call<{ observations: Array<{ kind: string; title: string }>; total: number }>(client, 'memory_read_session_observations', { ...demo, session_id: 'obs-1' });
    assert.deepEqual(observations.observations.map((o) => [o.kind, o.title]), [['user-prompt', 'trace the exporter bug']]);
    const raw = await call<{ hits: unknown[]; raw_hits: Array<{ session_id: string }> }>(client, 'memory_query', { ...demo, query: 'exporter bug trace' });
    assert.ok(raw.hits.length > 0 || raw.raw_hits.length > 0);

    const deleted = await call<{ deleted: boolean }>(client, 'memory_delete_page', { ...demo, path: 'notes/shared-name.md' });
    assert.equal(deleted.deleted, true);
    assert.match(await callError(client, 'memory_consolidate', demo), /needs an LLM provider/);
    const lint = await call<{ dry_run: boolean; findings: unknown[] }>(client, 'memory_lint', { ...demo, dry_run: true });
    assert.equal(lint.dry_run, true);
    const sweep = await call<{ dry_run: boolean; evicted: unknown[]; deleted: unknown[] }>(client, 'memory_forget_sweep', { ...demo, dry_run: true });
    assert.deepEqual([sweep.evicted, sweep.deleted], [[], []]);
  });

  it('falls back to raw captured events when no page matches', async () => {
    await fetch(`${server.url}/hook?agent=claude-code&workspace=default&project=demo`, {
      method: 'POST',
      body: JSON.stringify({ session_id: 'raw-1', cwd: '/w/demo', hook_event_name: 'UserPromptSubmit', prompt: 'why does the quasar widget flicker' }),
    });
    const result = await call<{ hits: unknown[]; raw_hits: Array<{ session_id: string; snippet: string }> }>(client, 'memory_query', { ...demo, query: 'quasar flicker' });
    assert.equal(result.hits.length, 0);
    assert.equal(result.raw_hits[0]?.session_id, 'raw-1');
    assert.match(result.raw_hits[0]!.snippet, /\*\*quasar\*\*/, 'plain markers, no HTML, for the agent');
  });

  it('refuses bad arguments with an error that names the problem, and writes nothing', async () => {
    const before = commitSubjects(server.wikiDir).length;
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['memory_query', { ...demo }, /query/],
      ['memory_query', { ...demo, query: 42 }, /query/],
      ['memory_query', { ...demo, query: 'x', limit: 100000 }, /limit/],
      ['memory_query', { workspace: 'default', query: 'x' }, /without project/],
      ['memory_query', { ...demo, query: 'x', global: true }, /not several/],
      ['memory_write_page', { ...demo, path: '../../etc/passwd', body: 'x' }, /escapes its project/],
      ['memory_write_page', { ...demo, path: 'notes/a.md' }, /body/],
      ['memory_write_page', { ...demo, path: 'notes/a.md', body: 'x', kind: 'banana' }, /kind/],
      ['memory_write_page', { ...demo, path: 'notes/huge.md', body: 'x'.repeat(5 * 1024 * 1024) }, /body|too big|1048576/i],
      ['memory_write_page', { workspace: '..', project: 'x', path: 'a.md', body: 'x' }, /looks like a path/],
      ['memory_read_page', { workspace: 'default', project: 'nope', path: 'a.md' }, /no project default\/nope/],
      ['memory_history', { ...demo, path: 'notes/missing.md' }, /no page notes\/missing.md/],
      ['memory_handoff_accept', { ...demo, handoff_id: '../x' }, /not a handoff id/],
      ['memory_feedback', { ...demo, path: 'decisions/0001-db.md', signal: 'meh' }, /signal/],
      ['memory_read_session_observations', { ...demo, kinds: ['prompt'] }, /"user-prompt".*at kinds\[0\]/],
      // A misnamed argument is refused, not dropped (the search would have run unscoped).
      ['memory_query', { query: 'zebra', projects: 'demo' }, /projects/],
      ['memory_write_page', { ...demo, path: 'notes/a.md', body: 'x', pinned_: true }, /pinned_/],
    ];
    for (const [name, args, message] of cases) {
      assert.match(await callError(client, name, args), message, `${name} ${JSON.stringify(args).slice(0, 80)}`);
    }
    assert.equal(commitSubjects(server.wikiDir).length, before, 'no commit from a refused call');
  });

  it('lists the related pages of an old version from what that version linked to', async () => {
    await call(client, 'memory_write_page', { ...demo, path: 'notes/redis.md', body: '# Redis notes\n\nLists and streams.' });
    await call(client, 'memory_write_page', { ...demo, path: 'notes/kafka.md', body: '# Kafka notes\n\nPartitions.' });
    await call(client, 'memory_write_page', { ...demo, path: 'notes/queue-choice.md', body: '# Queue choice\n\nSee [[Redis notes]].' });
    await call(client, 'memory_write_page', { ...demo, path: 'notes/queue-choice.md', body: '# Queue choice\n\nSee [[Kafka notes]].' });
    const { commits } = await call<{ commits: Array<{ commit: string }> }>(client, 'memory_history', { ...demo, path: 'notes/queue-choice.md' });
    type Related = { related: Array<{ path: string; direction: string }> };
    const now = await call<Related>(client, 'memory_read_page', { ...demo, path: 'notes/queue-choice.md', include_related: true });
    assert.deepEqual(now.related.filter((r) => r.direction === 'link').map((r) => r.path), ['notes/kafka.md']);
    const then = await call<Related>(client, 'memory_read_page', { ...demo, path: 'notes/queue-choice.md', rev: commits[1]!.commit, include_related: true });
    assert.deepEqual(then.related.filter((r) => r.direction === 'link').map((r) => r.path), ['notes/redis.md']);
  });

  it('warns when supersedes names a page that does not exist, and not when it does', async () => {
    await call(client, 'memory_write_page', { ...demo, path: 'decisions/0100-queue.md', body: '# Queue on Redis\n\nRedis lists.' });
    const right = await call<{ warnings?: string[] }>(client, 'memory_write_page', { ...demo, path: 'decisions/0101-queue.md', body: '# Queue on SQS\n\nSQS now.', supersedes: ['decisions/0100-queue.md'] });
    assert.equal(right.warnings, undefined);
    const typo = await call<{ status: string; warnings?: string[] }>(client, 'memory_write_page', { ...demo, path: 'decisions/0102-queue.md', body: '# Queue on Kafka\n\nKafka now.', supersedes: ['decisions/0101-queu.md'] });
    assert.equal(typo.status, 'created', 'the page is still written');
    assert.equal(typo.warnings?.length, 1);
    assert.match(typo.warnings![0]!, /decisions\/0101-queu.*not a page in default\/demo/);
  });

  it('takes page paths the way agents write them: a leading ./ and no .md', async () => {
    const written = await call<{ path: string }>(client, 'memory_write_page', { ...demo, path: './gotchas/dot-slash.md', body: '# Dot slash\n\nAgents write ./ paths.' });
    assert.equal(written.path, 'gotchas/dot-slash.md');
    const read = await call<{ path: string; body: string }>(client, 'memory_read_page', { ...demo, path: './gotchas/dot-slash' });
    assert.equal(read.path, 'gotchas/dot-slash.md');
    assert.match(await callError(client, 'memory_read_page', { ...demo, path: './../other/notes/shared-name.md' }), /escapes its project/);
  });

  it('answers a name that does not exist as invalid params (change the arguments), not as an internal error', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['memory_read_page', { ...demo, path: 'decisions/never-written.md' }],
      ['memory_query', { workspace: 'default', project: 'nope', query: 'x' }],
      ['memory_read_session_observations', { ...demo, session_id: 'no-such-session' }],
    ];
    for (const [name, args] of cases) {
      const text = await callError(client, name, args);
      assert.match(text, /-32602/, `${name}: ${text}`);
      assert.doesNotMatch(text, /-32603/, name);
    }
  });
});
