import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedEvent } from '../core/capture/captured-event.js';
import type { Scope } from '../core/paths.js';
import { RawLog } from './raw-log.js';

/**
 * Runs the append path (folder, open, tail check, write, fdatasync, close) twice on a throwaway
 * RawLog in the OS temp folder, removed at once: the first hooks of a fresh server otherwise
 * compile and load it while an agent waits. Nothing is written in the data dir.
 */
export async function warmAppendPath(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ai-memory-warm-up-'));
  try {
    const log = new RawLog(dir);
    const scope = { workspace: 'default', project: 'warm-up' } as Scope;
    for (let i = 0; i < 2; i += 1) {
      const event: CapturedEvent = { record: 'event', v: 1, id: `warm-up-${i}`, at: new Date().toISOString(), agent: 'other', kind: 'post-tool', native: 'PostToolUse', session: 'warm-up' };
      await log.append(scope, 'warm-up', event);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
