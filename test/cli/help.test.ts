import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { BIN } from '../helpers/cli.js';

describe('help text', () => {
  it('is plain text when piped (no colour codes in a file or a pager)', () => {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.CI;
    delete env.TEST;
    const piped = spawnSync(process.execPath, [BIN, 'search', '--help'], { env, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.match(piped.stdout, /USAGE ai-memory search/);
    assert.ok(!piped.stdout.includes('\u001b['), JSON.stringify(piped.stdout.slice(0, 80)));
  });
});
