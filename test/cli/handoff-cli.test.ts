import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatusResponse } from '../../lib/core/contract.js';
import { runCli, spawnServe } from '../helpers/cli.js';
import { commitSubjects } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

const CLEAN = { AI_MEMORY_SERVER_URL: '', AI_MEMORY_AUTH_TOKEN: '' };
const CWD = '/home/dev/src/shop-api';

describe('ai-memory handoff', () => {
  it('shows where the last session stopped, without taking the handoff from the next agent', async () => {
    const dataDir = await tempDir('aim-handoff-cli-');
    const cwd = await tempDir('aim-handoff-cli-cwd-');
    const server = await spawnServe(dataDir);
    const env = { ...CLEAN, AI_MEMORY_DATA_DIR: dataDir };
    const post = async (event: string, body: Record<string, unknown>) => {
      const params = new URLSearchParams({ agent: 'claude-code', event, workspace: 'default', project: 'shop-api', cwd: CWD });
      const response = await fetch(`${server.url}/hook?${params}`, { method: 'POST', body: JSON.stringify({ session_id: 's1', cwd: CWD, hook_event_name: event, ...body }) });
      assert.equal(response.status, 202);
    };
    await post('SessionStart', { source: 'startup' });
    await post('UserPromptSubmit', { prompt: 'Add cursor pagination to GET /orders' });
    await post('PostToolUseFailure', { tool_name: 'Bash', tool_input: { command: 'npm test' }, error: 'Exit code 1\nAssertionError [ERR_ASSERTION]: default page size is 20\n\n50 !== 20' });
    await post('PostToolUse', { tool_name: 'Write', tool_input: { file_path: `${CWD}/src/orders.js`, content: 'x' }, tool_response: { success: true } });
    await post('Stop', { stop_hook_active: false, last_assistant_message: 'Pagination works.\n\n## Next steps\n- Set the default page size to 20\n\nShould the maximum `limit` be 100 or 200?' });
    await post('SessionEnd', { reason: 'exit' });
    await waitFor(() => commitSubjects(`${dataDir}/wiki`)[0]?.startsWith('Session s1 (claude-code) ended'), 'the session close', 60_000);

    // `status` names the project with work waiting, `ls` says which handoff it is.
    const status = await runCli(['status'], { env, cwd });
    assert.match(status.stdout, /^handoffs\s*\n {2}default\/shop-api +1 pending handoff: Add cursor pagination to GET \/orders \(20\d\d-.*\)$/m, status.stdout);
    const statusJson = JSON.parse((await runCli(['status', '--json'], { env, cwd })).stdout) as StatusResponse;
    assert.deepEqual(statusJson.pending_handoffs.map((h) => [h.workspace, h.project, h.count, h.newest.title]), [['default', 'shop-api', 1, 'Add cursor pagination to GET /orders']]);
    const listed = await runCli(['ls', '--kind', 'handoff', '--project', 'shop-api'], { env, cwd });
    assert.match(listed.stdout, /Add cursor pagination to GET \/orders \(pending\)$/m, listed.stdout);

    const shown = await runCli(['handoff', '--project', 'shop-api'], { env, cwd });
    assert.equal(shown.code, 0, shown.stderr);
    const lines = shown.stdout.split('\n');
    assert.equal(lines[0], 'Pending handoff in default/shop-api: Add cursor pagination to GET /orders');
    for (const expected of ['Next steps', '  - Set the default page size to 20', 'Open questions', '  - Should the maximum `limit` be 100 or 200?', 'Failures not fixed', 'Files changed', '  - src/orders.js']) {
      assert.ok(lines.includes(expected), `the output has the line ${JSON.stringify(expected)}:\n${shown.stdout}`);
    }
    // Plain text: no markdown escapes from the wiki page.
    assert.match(shown.stdout, /`npm test` \(exit 1\) failed: AssertionError \[ERR_ASSERTION\]: default page size is 20 · 50 !== 20/);
    const json = await runCli(['handoff', '--project', 'shop-api', '--json'], { env, cwd });
    const { handoff } = JSON.parse(json.stdout) as { handoff: { id: string; state: string } };
    assert.equal(handoff.state, 'open', 'looking did not claim it');

    // The next agent gets it; after that there is nothing pending, and the CLI says so.
    const params = new URLSearchParams({ agent: 'codex', workspace: 'default', project: 'shop-api', cwd: CWD });
    assert.match(await (await fetch(`${server.url}/handoff?${params}`)).text(), new RegExp(handoff.id));
    const after = await runCli(['handoff', '--project', 'shop-api'], { env, cwd });
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /^No pending handoff in default\/shop-api: /);
    assert.match((await runCli(['status'], { env, cwd })).stdout, /^handoffs {2}none pending$/m);
    assert.match((await runCli(['ls', '--kind', 'handoff', '--project', 'shop-api'], { env, cwd })).stdout, /Add cursor pagination to GET \/orders \(used\)$/m);
    const missing = await runCli(['handoff', '--project', 'shop-apj'], { env, cwd });
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /no project default\/shop-apj in the wiki; default has shop-api/);
  });
});
