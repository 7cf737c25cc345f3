import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CapturedEvent } from '../../lib/core/capture/captured-event.js';
import { normalizePayload } from '../../lib/core/capture/normalize.js';
import { filesWrittenBy } from '../../lib/core/capture/shell-writes.js';
import { toolHistory } from '../../lib/core/capture/tool-history.js';

/**
 * Codex edits files through its shell as often as through apply_patch, and its PostToolUse
 * payload is the command and its output: the file a command plainly writes is a file changed,
 * and a command whose target cannot be placed adds none.
 */
const CODEX = join(import.meta.dirname, '../fixtures/hooks/codex/0.171.0');

describe('files a shell command writes', () => {
  it('the redirect Codex really ran (recorded payload) makes its file a file changed of the session', () => {
    const payload = JSON.parse(readFileSync(join(CODEX, 'PostToolUse.Bash.2.json'), 'utf8')) as Record<string, unknown>;
    const n = normalizePayload({ ...payload, cwd: '/home/dev/shop' });
    assert.deepEqual(n.tool?.files, ['notes-codex.txt']);
    const event: CapturedEvent = { record: 'event', v: 1, id: '1', at: '2026-01-01T00:00:00Z', agent: 'codex', kind: n.kind, native: n.native, session: 's', tool: n.tool! };
    assert.deepEqual(toolHistory([event]).filesChanged, ['notes-codex.txt']);
  });

  it('sed -i, > and >>, tee, a heredoc into a file, and the same inside bash -lc', () => {
    assert.deepEqual(filesWrittenBy("sed -i 's/a/b/' src/a.ts src/b.ts"), ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(filesWrittenBy("sed -i '' -e 's/a > b/c/' src/a.ts"), ['src/a.ts']);
    assert.deepEqual(filesWrittenBy('npm test 2>&1 | tee test.log'), ['test.log']);
    assert.deepEqual(filesWrittenBy("cat > src/new.ts <<'EOF'\nconst a = b > c ? 1 : 2;\necho x > not-a-file.txt\nEOF\necho done >> notes.md"), ['src/new.ts', 'notes.md']);
    assert.deepEqual(filesWrittenBy(`bash -lc "sed -i 's/x/y/' lib/z.ts"`), ['lib/z.ts']);
  });

  it('no file where the line does not say plainly which one', () => {
    for (const command of ["sed -n 's/a/b/p' src/a.ts", 'npm test > /dev/null 2>&1', 'echo "a > b" && cat src/x.ts', 'cd sub && echo x > y.txt', 'echo x > $HOME/y.txt', 'echo x > out-*.txt', "echo 'unbalanced > x", 'ls >&2', 'npm test 2> errors.log', 'git diff --stat']) {
      assert.deepEqual(filesWrittenBy(command), [], command);
    }
  });

  it('a write outside the session folder (/tmp, ..) is not a file of the project; a failed command changed nothing', () => {
    const shell = (command: string, extra: Record<string, unknown> = {}) => normalizePayload({ hook_event_name: 'PostToolUse', session_id: 's', cwd: '/home/dev/shop', tool_name: 'Bash', tool_input: { command }, tool_response: '', ...extra });
    assert.equal(shell('grep -r foo src > /tmp/out.txt && echo x > ../other/y.txt').tool?.files, undefined);
    assert.deepEqual(shell('echo x > /home/dev/shop/docs/a.md').tool?.files, ['docs/a.md']);
    const failed = shell("sed -i 's/a/b/' src/a.ts", { tool_response: "sed: can't read src/a.ts: No such file or directory", exit_code: 2 });
    const event: CapturedEvent = { record: 'event', v: 1, id: '1', at: '2026-01-01T00:00:00Z', agent: 'codex', kind: failed.kind, native: failed.native, session: 's', tool: failed.tool! };
    assert.deepEqual(toolHistory([event]).filesChanged, []);
  });
});
