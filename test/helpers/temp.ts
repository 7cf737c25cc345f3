import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

// A test's `after` hooks run in the order they were registered, so the temp dir of a test that
// then spawned a server is removed while that server may still be writing into it. Such a dir
// is removed again when the test file exits, after every child process has been stopped.
const leftovers = new Set<string>();
process.on('exit', () => {
  for (const dir of leftovers) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A temp dir that cannot be removed is the OS's to clean, not a test failure.
    }
  }
});

/** A fresh temp directory, removed when the test file finishes. */
export async function tempDir(prefix = 'aim-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }).catch(() => void leftovers.add(dir)));
  return dir;
}
