import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens, renderPendingHandoff } from '../../lib/core/capture/handoff-block.js';
import { handoffFields, handoffFromFrontmatter, renderHandoffBody, type HandoffRecord } from '../../lib/core/capture/handoff.js';

const record = (extra: Partial<HandoffRecord> = {}): HandoffRecord => ({
  id: '20261125-101500-ab12cd',
  state: 'open',
  created: '2026-11-25T10:15:00.000Z',
  manual: false,
  agent: 'claude-code',
  title: 'Add a per-account quota',
  summary: 'Session focused on: Add a per-account quota.',
  lastPrompt: 'Add a per-account quota',
  lastReply: 'Quota check added. Next step: add the migration before deploying.',
  nextSteps: ['Add the migration before deploying.'],
  openQuestions: ['Do quotas reset daily or monthly?'],
  failures: ["`npm run lint` (exit 1) failed: 3:1 error 'x' is not defined"],
  filesTouched: ['src/quota.js'],
  decisions: ['We chose a token bucket instead of a fixed window.'],
  sessionPage: 'sessions/abc.md',
  ...extra,
});

describe('the SessionStart block', () => {
  it('lists the fields in order of usefulness, then the links', () => {
    const text = renderPendingHandoff(record());
    const order = ['### Add a per-account quota', '**Where it stopped**', '**Next steps**', '**Open questions**', '**Failures not fixed**', '**Files changed**', '**Decisions**', '**Summary**', 'Session page: `sessions/abc.md`'];
    const positions = order.map((marker) => text.indexOf(marker));
    assert.ok(positions.every((p) => p >= 0), `every section is there: ${positions}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    assert.doesNotMatch(text, /Left out/);
  });

  it('stays within its budget and says what it left out, keeping the most useful first', () => {
    const many = record({
      nextSteps: Array.from({ length: 8 }, (_, i) => `Step ${i + 1}: ${'do the thing carefully '.repeat(6)}`),
      filesTouched: Array.from({ length: 12 }, (_, i) => `src/module-${i}/file-with-a-long-name-${i}.ts`),
      decisions: Array.from({ length: 5 }, (_, i) => `We decided on option ${i} ${'because of reasons '.repeat(5)}`),
      summary: 'S'.repeat(2000),
    });
    const text = renderPendingHandoff(many, { budgetTokens: 400 });
    assert.ok(estimateTokens(text) <= 400, `${estimateTokens(text)} tokens`);
    assert.match(text, /Where it stopped/);
    assert.match(text, /Step 1:/);
    assert.match(text, /_Left out to stay within 400 tokens: .*(files|decisions|the summary).*; they are on the handoff page\._/);
    const roomy = renderPendingHandoff(many, { budgetTokens: 5000 });
    assert.doesNotMatch(roomy, /Left out/);
    assert.ok(estimateTokens(roomy) > 400);
  });

  it('does not repeat an unanswered request in "Where it stopped" and in the next steps', () => {
    const text = renderPendingHandoff(record({ lastPrompt: 'Bump the schema', nextSteps: ['Unanswered request: Bump the schema'] }));
    assert.equal(text.split('Bump the schema').length, 2);
  });
});

describe('the handoff page', () => {
  it('is titled by meaning and keeps every field through its frontmatter', () => {
    const fields = handoffFields(record());
    assert.equal(fields.title, 'Handoff: Add a per-account quota');
    const back = handoffFromFrontmatter('20261125-101500-ab12cd', JSON.parse(JSON.stringify(fields)) as Record<string, unknown>)!;
    for (const key of ['title', 'lastPrompt', 'lastReply', 'failures', 'decisions', 'sessionPage', 'nextSteps', 'openQuestions', 'filesTouched'] as const) {
      assert.deepEqual(back[key], record()[key], key);
    }
    const body = renderHandoffBody(record());
    assert.match(body, /^# Handoff: Add a per-account quota\n/);
    assert.match(body, /\*\*Failures not fixed\*\*\n- `npm run lint` \(exit 1\) failed/);
    assert.match(body, /Session: \[sessions\/abc.md\]\(\.\.\/sessions\/abc.md\)/);
  });

  it('a manual handoff without a title is named after its summary, in words', () => {
    assert.equal(handoffFields(record({ title: undefined, manual: true, summary: 'Migrating the billing tables to the new schema, half done' })).title, 'Handoff: Migrating the billing tables to the new schema, half done');
  });
});
