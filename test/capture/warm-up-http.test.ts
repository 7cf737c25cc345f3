import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serverConfigDefaults } from '../../lib/config/config.js';
import type { Logger } from '../../lib/core/logger.js';
import { REHEARSAL_HEADER } from '../../lib/server/http/hooks.js';
import { startServer } from '../../lib/server/main.js';
import { initDataDir } from '../../lib/server/init.js';
import { warmAppendPath } from '../../lib/store/raw-log-warm-up.js';
import { git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

// The server rehearses a few hooks through its HTTP stack before it announces itself (SPEC
// section 12: an agent's first hooks must not wait for cold code). A user relies on two things:
// the rehearsal leaves nothing behind, and a rehearsal that fails never keeps the server down.

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(`info ${m}`), warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function start(dataDir: string, logger: Logger, rehearsalDeadlineMs?: number) {
  const config = { ...serverConfigDefaults(dataDir), port: 0, watch: false, persistDelayMs: 50, externalCommitDelayMs: 100 };
  return startServer(config, { logger, version: 'test', ...(rehearsalDeadlineMs === undefined ? {} : { rehearsalDeadlineMs }) });
}

const hook = (url: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}/hook?agent=claude-code`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the start-up rehearsal of POST /hook', () => {
  it('runs before the server is announced and stores nothing: no raw log, no session, no wiki page, no commit', async () => {
    const dataDir = await tempDir('aim-warm-');
    await initDataDir(dataDir);
    const wiki = join(dataDir, 'wiki');
    const commitsBefore = git(wiki, 'log', '--all', '--format=%H %s');
    const logger = recordingLogger();
    const running = await start(dataDir, logger);
    // Everything the start scheduled (sessions, commits, index) is flushed by a clean stop.
    await running.close();

    const warmed = logger.lines.findIndex((l) => /capture path warmed up: 5 rehearsed hooks/.test(l));
    assert.ok(warmed >= 0, `the rehearsal ran: ${logger.lines.join(' | ')}`);
    assert.ok(warmed < logger.lines.findIndex((l) => l.includes('listening on')), 'before the server said it was listening');
    assert.deepEqual(filesUnder(join(dataDir, 'raw')), [], 'nothing in the raw log');
    assert.equal(git(wiki, 'log', '--all', '--format=%H %s'), commitsBefore, 'no commit');
    assert.equal(git(wiki, 'status', '--porcelain', '--untracked-files=all'), '', 'no file in the wiki');
    // The samples run from /warm/up in session "warm-up": no trace of them in any file the server keeps.
    const traces = filesUnder(dataDir).filter((f) => !f.includes(`${join('wiki', '.git')}`) && /warm\/up|"warm-up"/.test(readFileSync(f, 'latin1')));
    assert.deepEqual(traces, []);
  });

  it('never stops the server from starting when it fails, and the server then captures normally', async () => {
    const dataDir = await tempDir('aim-warm-');
    const tmp = await tempDir('aim-warm-tmp-');
    const logger = recordingLogger();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const running = await start(dataDir, logger, 1).finally(() => {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    });
    try {
      assert.ok(logger.lines.some((l) => /^warn capture warm-up skipped \(.+\)/.test(l)), logger.lines.join(' | '));
      // (tsx, which runs these tests, keeps its cache in the temp folder too)
      assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('ai-memory-')), [], 'the throwaway log is gone by the time the server is up');
      assert.ok(logger.lines.some((l) => l.includes('listening on')));
      const res = await hook(running.url, { hook_event_name: 'UserPromptSubmit', session_id: 'after-failed-warm-up', cwd: '/work/shop', prompt: 'hello' });
      assert.equal(res.status, 202);
      assert.match(readFileSync(join(dataDir, 'raw/default/shop/after-failed-warm-up.jsonl'), 'utf8'), /"prompt":"hello"/);
    } finally {
      await running.close();
    }
  });

  it('cannot be used by a client to have a hook dropped: a guessed rehearsal header is captured like any hook', async () => {
    const dataDir = await tempDir('aim-warm-');
    const running = await start(dataDir, recordingLogger());
    try {
      for (const key of ['', 'x', '0'.repeat(32)]) {
        const res = await hook(running.url, { hook_event_name: 'UserPromptSubmit', session_id: 'guessing', cwd: '/work/shop', prompt: `key ${key.length}` }, { [REHEARSAL_HEADER]: key });
        assert.equal(res.status, 202);
      }
      const lines = readFileSync(join(dataDir, 'raw/default/shop/guessing.jsonl'), 'utf8').trim().split('\n');
      assert.equal(lines.length, 3);
    } finally {
      await running.close();
    }
  });
});

it('warms the append path on a throwaway log that is gone afterwards', async () => {
  const tmp = await tempDir('aim-warm-tmp-');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await warmAppendPath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  assert.deepEqual(readdirSync(tmp), []);
});
