import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RawRecord } from '../../lib/core/capture/captured-event.js';
import type { Scope } from '../../lib/core/paths.js';
import { RawLog } from '../../lib/store/raw-log.js';

const scope = { workspace: 'default', project: 'demo' } as Scope;
const event = (id: string) => ({ record: 'event', v: 1, id, at: '2026-12-06T10:00:00.000Z', agent: 'codex', kind: 'user-prompt', native: 'UserPromptSubmit', session: 's1', prompt: id }) as RawRecord;

test('an append after its project folder was removed makes the folder again and keeps the event', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aim-raw-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const log = new RawLog(dir);
  await log.append(scope, 's1', event('first'));
  // The project is deleted (or renamed) while its agent keeps sending hooks.
  await rm(join(dir, 'default', 'demo'), { recursive: true });
  await log.append(scope, 's1', event('second'));
  await log.append(scope, 's2', event('third'));
  assert.deepEqual((await log.read(scope, 's1')).map((r) => (r as { id: string }).id), ['second']);
  assert.deepEqual((await log.read(scope, 's2')).map((r) => (r as { id: string }).id), ['third']);
});
