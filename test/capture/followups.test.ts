import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFollowups } from '../../lib/core/capture/followups.js';

// Replies shaped like the ones Claude Code, Codex and Gemini CLI end their turns with.
describe('next steps, open questions and decisions from one reply', () => {
  it('reads "Next step:" and "Open question:" sentences inside a paragraph', () => {
    const f = extractFollowups('Wrote src/quota.js and wired it into the router. Next step: add the migration before deploying. Open question: do quotas reset daily or monthly?');
    assert.deepEqual(f.nextSteps, ['Add the migration before deploying.']);
    assert.deepEqual(f.openQuestions, ['Do quotas reset daily or monthly?']);
  });

  it('reads bullets under markdown headings, and stops at the next unrelated heading', () => {
    const f = extractFollowups(['## Summary', '- Added the limiter', '', '## Next steps', '1. Add eviction tests', '2. Document the `RATE_LIMIT` env var', '', '## Open questions', '- Should the limit be per IP or per API key?', '', '## Notes', '- The old cache is gone'].join('\n'));
    assert.deepEqual(f.nextSteps, ['Add eviction tests', 'Document the `RATE_LIMIT` env var']);
    assert.deepEqual(f.openQuestions, ['Should the limit be per IP or per API key?']);
  });

  it('a question the reply ends on after its next steps is an open question, not a step', () => {
    // Claude Code and Gemini CLI replies close this way: the list, a blank line, then the question.
    for (const label of ['## Next steps', 'Next steps:']) {
      const f = extractFollowups(['Pagination works.', '', label, '- Set the default page size to 20', '- Add an index on `orders.created_at`', '', 'Should the maximum `limit` be 100 or 200?'].join('\n'));
      assert.deepEqual(f.nextSteps, ['Set the default page size to 20', 'Add an index on `orders.created_at`'], label);
      assert.deepEqual(f.openQuestions, ['Should the maximum `limit` be 100 or 200?'], label);
    }
  });

  it('drops a "Still open:" label from the question it introduces (a Codex reply)', () => {
    const f = extractFollowups('Set the default page size to 20; `npm test` passes now.\n\nNext step: add the index before deploying.\n\nStill open: should the maximum `limit` be 100 or 200?');
    assert.deepEqual(f.openQuestions, ['Should the maximum `limit` be 100 or 200?']);
  });

  it('reads bold and colon labels: **Remaining:**, TODO:, Blocked:', () => {
    const f = extractFollowups(['Done with the parser.', '', '**Remaining:**', '- wire the CLI flag', '', 'TODO:', '- update the changelog', '', 'Blocked:', '- waiting for the staging database credentials'].join('\n'));
    assert.deepEqual(f.nextSteps, ['Wire the CLI flag', 'Update the changelog']);
    assert.deepEqual(f.openQuestions, ['Blocked: Waiting for the staging database credentials']);
  });

  it('a label and its item on one line: "**Next step:** run the backfill"', () => {
    assert.deepEqual(extractFollowups('**Next step:** run the backfill on a copy first.').nextSteps, ['Run the backfill on a copy first.']);
  });

  it('reads "Next," "Still need to" and "TODO" sentences, not "Next.js" or "next to"', () => {
    const f = extractFollowups('The build is green. Next, I will split the module. We still need to update the fixtures. TODO: drop the shim. Next.js handles the routing. The icon sits next to the title.');
    assert.deepEqual(f.nextSteps, ['I will split the module.', 'Update the fixtures.', 'Drop the shim.']);
  });

  it('takes unchecked task-list items as next steps and skips checked ones', () => {
    const f = extractFollowups('Progress:\n- [x] schema\n- [x] API\n- [ ] UI for the settings page\n- [ ] e2e test');
    assert.deepEqual(f.nextSteps, ['UI for the settings page', 'E2e test']);
  });

  it('takes questions put to the user, and ignores questions inside code blocks', () => {
    const f = extractFollowups('I added both variants.\n\n```py\nif x is None:  # why?\n```\n\nWhich one do you prefer? Should I delete the other?');
    assert.deepEqual(f.openQuestions, ['Which one do you prefer?', 'Should I delete the other?']);
  });

  it('reads decisions: chose, decided, switched to, instead of', () => {
    const f = extractFollowups('We switched to Postgres advisory locks instead of Redis. I decided to keep the v1 route for now. The tests pass.');
    assert.deepEqual(f.decisions, ['We switched to Postgres advisory locks instead of Redis.', 'I decided to keep the v1 route for now.']);
  });

  it('a reply with nothing left to do yields nothing', () => {
    const f = extractFollowups('All 42 tests pass and the lint is clean. The feature is complete.');
    assert.deepEqual(f, { nextSteps: [], openQuestions: [], decisions: [] });
  });

  it('works on non-English prose around English labels and on German/French questions', () => {
    const f = extractFollowups('Die Migration ist fertig. Next step: Staging deployen.\n\nSoll ich die alten Tabellen löschen?');
    assert.deepEqual(f.nextSteps, ['Staging deployen.']);
    assert.deepEqual(f.openQuestions, ['Soll ich die alten Tabellen löschen?']);
  });
});
