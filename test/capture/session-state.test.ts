import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CapturedEvent, CapturedTool } from '../../lib/core/capture/captured-event.js';
import { sessionState } from '../../lib/core/capture/session-state.js';
import { sessionTitle } from '../../lib/core/capture/session-title.js';

let clock = Date.parse('2026-11-25T10:00:00Z');
function event(kind: CapturedEvent['kind'], extra: Partial<CapturedEvent> = {}): CapturedEvent {
  clock += 1000;
  return { record: 'event', v: 1, id: String(clock), at: new Date(clock).toISOString(), agent: 'codex', kind, native: kind, session: 's', ...extra };
}
const prompt = (text: string) => event('user-prompt', { prompt: text });
const reply = (text: string) => event('assistant-reply', { reply: text });
const tool = (t: CapturedTool) => event(t.failed ? 'tool-failure' : 'post-tool', { tool: t });

describe('where a session stopped', () => {
  it('the example of issue 15: failed lint, a written file, next step and open question all carry', () => {
    const state = sessionState([
      prompt('Add a per-account quota'),
      tool({ name: 'Bash', input: 'npm run lint', failed: true, exit_code: 1, error: "src/quota.js: 3:1 error 'x' is not defined" }),
      tool({ name: 'Write', input: 'src/quota.js', files: ['src/quota.js'] }),
      reply('Quota check added.\n\nNext step: add the migration before deploying. Open question: do quotas reset daily or monthly?'),
    ]);
    assert.equal(state.lastPrompt, 'Add a per-account quota');
    assert.deepEqual(state.nextSteps, ['Add the migration before deploying.']);
    assert.deepEqual(state.openQuestions, ['Do quotas reset daily or monthly?']);
    assert.deepEqual(state.unfixed.map((f) => [f.target, f.exitCode, f.error]), [['npm run lint', 1, "src/quota.js: 3:1 error 'x' is not defined"]]);
    assert.deepEqual(state.filesChanged, ['src/quota.js']);
    assert.equal(state.midTurn, false);
  });

  it('a failure whose same command later succeeded is fixed, not carried over', () => {
    const state = sessionState([
      prompt('Make the tests pass'),
      tool({ name: 'Bash', input: 'npm test', failed: true, exit_code: 1 }),
      tool({ name: 'Edit', input: 'src/a.ts', files: ['src/a.ts'] }),
      tool({ name: 'Bash', input: 'npm  test', output: '12 passed' }),
      tool({ name: 'Bash', input: 'npm run typecheck', failed: true, error: 'error TS2322' }),
      reply('Tests pass now.'),
    ]);
    assert.deepEqual(state.unfixed.map((f) => f.target), ['npm run typecheck']);
    assert.deepEqual(state.fixed.map((f) => f.target), ['npm test']);
  });

  it('a command that failed again after succeeding is unfixed', () => {
    const state = sessionState([tool({ name: 'Bash', input: 'make', failed: true }), tool({ name: 'Bash', input: 'make' }), tool({ name: 'Bash', input: 'make', failed: true, error: 'second break' })]);
    assert.deepEqual(state.unfixed.map((f) => f.error), ['second break']);
  });

  it('files changed are edits and writes, newest first, not reads or failed edits', () => {
    const state = sessionState([
      tool({ name: 'Read', input: 'README.md', files: ['README.md'] }),
      tool({ name: 'Edit', input: 'a.ts', files: ['a.ts'] }),
      tool({ name: 'apply_patch', input: '*** Begin Patch', files: ['b.ts', 'c.ts'] }),
      tool({ name: 'Edit', input: 'd.ts', files: ['d.ts'], failed: true }),
      tool({ name: 'write_file', input: 'a.ts', files: ['a.ts'] }),
    ]);
    assert.deepEqual(state.filesChanged, ['a.ts', 'c.ts', 'b.ts']);
  });

  it('the latest reply wins: a plan the user redirected is not carried over', () => {
    const state = sessionState([
      prompt('Cache the lookups'),
      reply('Plan:\n\nNext steps:\n- Add Redis to docker-compose\n- Wire the Redis client'),
      prompt('Actually, let us not add Redis; use an in-memory LRU instead.'),
      reply('Switched to an in-memory LRU instead of Redis. Next step: add eviction tests.'),
    ]);
    assert.deepEqual(state.nextSteps, ['Add eviction tests.']);
    assert.deepEqual(state.decisions, ['Switched to an in-memory LRU instead of Redis.']);
    assert.ok(!JSON.stringify(state).includes('docker-compose"'), 'the abandoned plan is gone');
  });

  it('a step a later reply reports done is dropped; a redirect without a new plan leaves none', () => {
    const done = sessionState([reply('Next step: add the migration for quotas.'), prompt('ok go'), reply('Added the quotas migration; all green.')]);
    assert.deepEqual(done.nextSteps, []);
    const redirected = sessionState([reply('Next step: port the CLI to Rust.'), prompt('Forget that, never mind the port.')]);
    assert.deepEqual(redirected.nextSteps, ['Unanswered request: Forget that, never mind the port.']);
  });

  it('questions stand until the person answers: an answered question is not open', () => {
    const answered = sessionState([reply('Should I use UTC or local time?'), prompt('UTC'), reply('Using UTC everywhere now.')]);
    assert.deepEqual(answered.openQuestions, []);
    const open = sessionState([prompt('Add the export'), reply('Done. Do you want CSV or JSON as the default?')]);
    assert.deepEqual(open.openQuestions, ['Do you want CSV or JSON as the default?']);
  });

  it('a session that stopped mid-turn hands over the unanswered request first', () => {
    const state = sessionState([prompt('Rename the table'), reply('Next step: update the views.'), prompt('Also bump the schema version')]);
    assert.equal(state.midTurn, true);
    assert.deepEqual(state.nextSteps, ['Unanswered request: Also bump the schema version', 'Update the views.']);
  });
});

describe('titles by meaning', () => {
  it('takes the first request in whole words, never an id', () => {
    assert.equal(sessionTitle({ prompts: ['Add a per-account quota to the billing service so that free accounts stop at 1000 calls per day'] }), 'Add a per-account quota to the billing service so that free accounts stop at…');
    assert.equal(sessionTitle({ prompts: ['<ide_selection>x</ide_selection>', '## Fix the flaky login test\nmore'] }), 'Fix the flaky login test');
    assert.equal(sessionTitle({ prompts: [], filesChanged: ['src/a.ts', 'lib/b.ts'] }), 'Edited a.ts, b.ts');
    assert.equal(sessionTitle({ prompts: [], commands: ['npm test'] }), 'Ran npm test');
    assert.equal(sessionTitle({ prompts: [], agent: 'codex', cwd: '/home/dev/acme' }), 'codex session in acme');
  });

  it('a morning prompt that names no work ("continue", "what is left?") gives way to the work picked up', () => {
    for (const generic of ['Continue where we left off', 'continue', 'What is left from yesterday?', "What's next?", 'Where did we leave off?', 'Good morning, continue please', 'keep going', "Let's pick up where we left off"]) {
      assert.equal(sessionTitle({ prompts: [generic], commands: ['npm test'], continues: 'Add cursor pagination to GET /orders' }), 'Continued: Add cursor pagination to GET /orders', generic);
      assert.equal(sessionTitle({ prompts: [generic, 'Now add the index on orders.created_at'] }), 'Now add the index on orders.created_at', generic);
    }
    // A chain of mornings does not stack the prefix; with no handoff picked up, what it did names it.
    assert.equal(sessionTitle({ prompts: ['continue'], continues: 'Continued: Add cursor pagination' }), 'Continued: Add cursor pagination');
    assert.equal(sessionTitle({ prompts: ['continue'], filesChanged: ['src/orders.js'] }), 'Edited orders.js');
    // Prompts that name the work stay the title.
    for (const specific of ['Continue the refactor of the billing module', 'What is the status of the deploy?', 'Where did we leave the pagination work?']) {
      assert.equal(sessionTitle({ prompts: [specific], continues: 'Something else' }), specific);
    }
  });
});
