import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureExcerpt } from '../../lib/core/capture/timeline.js';
import { errorExcerpt, toolOutcome } from '../../lib/core/capture/tool-outcome.js';

// Outputs as the real agents sent them for a failing `npm test` / `npm run` (a walk with
// Claude Code, Codex and Gemini CLI): the excerpt is what the handoff's "Failures not fixed" shows.
const assertionFailure = [
  '',
  '> test',
  '> node test.js',
  '',
  'node:assert:90',
  '  throw new AssertionError(obj);',
  '  ^',
  '',
  'AssertionError [ERR_ASSERTION]: default page size is 20',
  '',
  '50 !== 20',
  '',
  '    at Object.<anonymous> (/repo/test.js:5:8)',
  '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
  "  code: 'ERR_ASSERTION',",
  '}',
  '',
  'Node.js v20.20.2',
].join('\n');

describe('the error excerpt of a failed command', () => {
  it('gives the assertion and what differed, not the line of node:assert that threw', () => {
    const outcome = toolOutcome({ tool: 'exec_command', output: assertionFailure, flaggedFailed: false });
    assert.equal(outcome.failed, true);
    assert.equal(outcome.error, 'AssertionError [ERR_ASSERTION]: default page size is 20 · 50 !== 20');
  });

  it('skips the source line of a code frame', () => {
    const output = ['Exit code 1', '/repo/test.js:5', "assert.strictEqual(page.items.length, 20, 'default page size is 20');", '                              ^', '', "TypeError: Cannot read properties of undefined (reading 'length')", '    at Object.<anonymous> (/repo/test.js:5:31)'].join('\n');
    assert.equal(errorExcerpt(output), "TypeError: Cannot read properties of undefined (reading 'length')");
  });

  it("reads Gemini CLI's shell output without its Output: label, npm's prefixes or its log pointer", () => {
    const output = '<untrusted_context>\nOutput: npm error Missing script: "migrate"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\nnpm error A complete log of this run can be found in: /home/u/.npm/_logs/x-debug-0.log\nExit Code: 1\nProcess Group PGID: 17149\n</untrusted_context>';
    const outcome = toolOutcome({ tool: 'run_shell_command', output, flaggedFailed: false });
    assert.deepEqual([outcome.failed, outcome.exitCode, outcome.error], [true, 1, 'Missing script: "migrate"']);
  });

  it("the session timeline shows a Gemini CLI failure from the command's first line, not from Gemini's frame", () => {
    const output = '<untrusted_context>\nOutput: npm error Missing script: "migrate"\nnpm error\nExit Code: 1\n</untrusted_context>';
    const excerpt = failureExcerpt({ type: 'tool', at: '2026-12-06T21:02:44Z', name: 'run_shell_command', failed: true, output });
    assert.equal(excerpt?.split('\n')[0], 'npm error Missing script: "migrate"');
    assert.doesNotMatch(excerpt ?? '', /untrusted_context/);
  });

  it('keeps a lint report as it was', () => {
    assert.equal(errorExcerpt("src/quota.js\n  3:1  error  'x' is not defined  no-undef\n\n✖ 1 problem (1 error, 0 warnings)"), "3:1  error  'x' is not defined  no-undef · ✖ 1 problem (1 error, 0 warnings)");
  });
});
