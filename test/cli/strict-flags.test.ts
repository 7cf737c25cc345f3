import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArgsDef } from 'citty';
import { unknownOption } from '../../lib/cli/strict-flags.js';
import { runCli } from '../helpers/cli.js';

const args = {
  query: { type: 'positional', required: true },
  project: { type: 'string', alias: 'p' },
  limit: { type: 'string', alias: 'n' },
  'server-url': { type: 'string' },
  json: { type: 'boolean' },
  llm: { type: 'boolean', default: true },
} as const satisfies ArgsDef;

describe('unknown options', () => {
  it('are found, and known ones in every spelling pass', () => {
    assert.equal(unknownOption(['postgres', '--projct', 'demo'], args), '--projct');
    assert.equal(unknownOption(['postgres', '--projct=demo'], args), '--projct');
    assert.equal(unknownOption(['postgres', '-x'], args), '-x');
    assert.equal(unknownOption(['postgres', '--no-jsn'], args), '--no-jsn');
    for (const ok of [
      ['postgres', '--project', 'demo', '--json'],
      ['postgres', '--project=demo', '-n', '3'],
      ['postgres', '-p', '-odd-name-'], // a value may start with "-"
      ['postgres', '--serverUrl', 'http://x'],
      ['postgres', '--no-llm', '--help'],
      ['--', '--not-an-option'],
    ]) {
      assert.equal(unknownOption(ok, args), undefined, ok.join(' '));
    }
  });

  it('stop the CLI with exit code 2 before anything is sent', async () => {
    // No server at this URL: the option is refused before any request.
    const env = { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:9' };
    const search = await runCli(['search', 'postgres', '--projct', 'demo'], { env });
    assert.equal(search.code, 2);
    assert.equal(search.stderr, 'ai-memory: unknown option --projct for `ai-memory search`; see `ai-memory search --help`\n');
    const user = await runCli(['user', 'add', 'carol', '--jsn'], { env });
    assert.equal(user.code, 2);
    assert.match(user.stderr, /unknown option --jsn for `ai-memory user add`/);
    // With --json the refusal is the usual JSON error on stdout.
    const json = await runCli(['write-page', '--projet', 'demo', '--path', 'notes/q.md', '--body', 'x', '--json'], { env });
    assert.equal(json.code, 2);
    assert.equal(JSON.parse(json.stdout).code, 'INVALID_INPUT');
    // A known option still reaches the (absent) server.
    assert.equal((await runCli(['search', 'postgres', '-p', 'demo'], { env })).code, 3);
  });
});

describe('unknown commands', () => {
  it('get one line with the nearest command and exit 2, or a JSON error with --json', async () => {
    const typo = await runCli(['write-pge', '--path', 'a.md']);
    assert.equal(typo.code, 2);
    assert.equal(typo.stdout, '');
    assert.match(typo.stderr, /^ai-memory: unknown command "write-pge"; did you mean `write-page`\?/);
    assert.ok(typo.stderr.split('\n').length <= 2, 'no page of usage');
    const json = await runCli(['doctor', '--json']);
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).code, 'INVALID_INPUT');
  });
});
