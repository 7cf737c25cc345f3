import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnServe } from '../helpers/cli.js';
import { fsck } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

describe('capture survives kill -9', () => {
  it('keeps every acknowledged event, and the session still closes correctly after a restart', async () => {
    const dataDir = await tempDir('aim-durable-');
    const first = await spawnServe(dataDir);
    const send = (url: string, kind: string, extra: Record<string, unknown> = {}) =>
      fetch(`${url}/hook?agent=claude-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: 'crashy', cwd: '/work/durable', hook_event_name: kind, ...extra }),
      });
    const acked: string[] = [];
    const inFlight: Array<Promise<void>> = [];
    assert.equal((await send(first.url, 'UserPromptSubmit', { prompt: 'Keep everything I said' })).status, 202);
    // Sustained traffic, ten requests in flight at a time; the server dies mid-stream.
    for (let i = 0; i < 400 && first.child.exitCode === null && first.child.signalCode === null; i += 1) {
      inFlight.push(
        send(first.url, 'PostToolUse', { tool_name: 'Bash', tool_input: { command: `step ${i}` }, tool_response: `out ${i}` })
          .then(async (response) => {
            if (response.status === 202) acked.push(((await response.json()) as { id: string }).id);
            if (acked.length === 80) first.child.kill('SIGKILL');
          })
          .catch(() => undefined),
      );
      if (inFlight.length % 10 === 0) await Promise.race([Promise.all(inFlight.slice(-10)), new Promise((r) => setTimeout(r, 50))]);
    }
    await Promise.all(inFlight);
    await first.stop('SIGKILL');
    assert.ok(acked.length > 50, `enough events were acknowledged before the kill (${acked.length})`);

    const second = await spawnServe(dataDir);
    const raw = readFileSync(join(dataDir, 'raw/default/durable/crashy.jsonl'), 'utf8');
    const stored = new Set(
      raw
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            return [(JSON.parse(line) as { id: string }).id];
          } catch {
            return [];
          }
        }),
    );
    for (const id of acked) assert.ok(stored.has(id), `acknowledged event ${id} is on disk`);

    assert.equal((await send(second.url, 'SessionEnd', { reason: 'exit' })).status, 202);
    const page = join(dataDir, 'wiki/default/durable/sessions/crashy.md');
    await waitFor(() => existsSync(page), 'the session page after the restart', 10_000);
    assert.match(readFileSync(page, 'utf8'), /Keep everything I said/);
    // Every tool call that reached the disk is in the page (the prompt is the one other event).
    assert.match(readFileSync(page, 'utf8'), new RegExp(`- \`Bash\`: ${stored.size - 1}\n`));
    await second.stop();
    fsck(join(dataDir, 'wiki'));
  });
});
