import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createClient } from '../../lib/client/client.js';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { startTestServer } from '../helpers/server.js';

const ROOT = 'root-token-for-user-tests-0123456789';

async function rejectsWith(promise: Promise<unknown>, status: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.code, status, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('several people on one server', () => {
  it('attributes a user token write in git log, git blame and last_modified_by', async () => {
    const server = await startTestServer({ authToken: ROOT });
    const root = createClient({ serverUrl: server.url, authToken: ROOT });
    const alice = await root.addUser('alice');
    assert.match(alice.token, /^aim_/);

    const asAlice = createClient({ serverUrl: server.url, authToken: alice.token });
    await asAlice.writePage({ project: 'demo', path: 'decisions/db.md', title: 'DB', body: 'We use Postgres.' });

    const file = join(server.wikiDir, 'default/demo/decisions/db.md');
    assert.equal(git(server.wikiDir, 'log', '-1', '--format=%an <%ae>', '--', 'default/demo/decisions/db.md').trim(), 'alice <alice@ai-memory>');
    assert.match(git(server.wikiDir, 'blame', '--porcelain', 'default/demo/decisions/db.md'), /^author alice$/m);
    assert.match(await readFile(file, 'utf8'), /^last_modified_by: alice$/m);

    // The root token's writes are not attributed to a person, and drop a stale attribution.
    await root.writePage({ project: 'demo', path: 'decisions/db.md', title: 'DB', body: 'We use Postgres 16.' });
    assert.doesNotMatch(await readFile(file, 'utf8'), /last_modified_by/);
    assert.notEqual(git(server.wikiDir, 'log', '-1', '--format=%an').trim(), 'alice');
  });

  it('keeps user management and lifecycle commands for the root token', async () => {
    const server = await startTestServer({ authToken: ROOT });
    const root = createClient({ serverUrl: server.url, authToken: ROOT });
    const bob = await root.addUser('bob');
    const asBob = createClient({ serverUrl: server.url, authToken: bob.token });

    await rejectsWith(asBob.addUser('mallory'), 'FORBIDDEN', /root token/);
    await rejectsWith(asBob.users(), 'FORBIDDEN');
    await rejectsWith(asBob.reindex(), 'FORBIDDEN');
    // Reading and writing memory is shared: no roles beyond root.
    assert.ok((await asBob.workspaces()).workspaces);
  });

  it('expires, revives and rotates tokens; an old token stops working at once', async () => {
    const server = await startTestServer({ authToken: ROOT });
    const root = createClient({ serverUrl: server.url, authToken: ROOT });
    const carol = await root.addUser('carol');
    const asCarol = () => createClient({ serverUrl: server.url, authToken: carol.token });

    await root.userAction('carol', 'expire');
    await rejectsWith(asCarol().workspaces(), 'UNAUTHORIZED');
    await root.userAction('carol', 'revive');
    assert.ok(await asCarol().workspaces());

    const rotated = await root.userAction('carol', 'rotate-token');
    assert.ok(rotated.token && rotated.token !== carol.token);
    await rejectsWith(asCarol().workspaces(), 'UNAUTHORIZED');
    assert.ok(await createClient({ serverUrl: server.url, authToken: rotated.token }).workspaces());

    await rejectsWith(root.addUser('carol'), 'CONFLICT', /rotate-token/);
    await rejectsWith(root.addUser('../etc'), 'INVALID_NAME');
    await rejectsWith(root.userAction('nobody', 'expire'), 'NOT_FOUND');
  });

  it('stores only salted hashes, private to the owner, and audits every admin action', async () => {
    const server = await startTestServer({ authToken: ROOT });
    const root = createClient({ serverUrl: server.url, authToken: ROOT });
    const dave = await root.addUser('dave');
    await root.userAction('dave', 'expire');

    const usersFile = join(server.dataDir, 'auth/users.json');
    const stored = await readFile(usersFile, 'utf8');
    assert.ok(!stored.includes(dave.token), 'the token itself is never stored');
    assert.equal((await stat(usersFile)).mode & 0o777, 0o600);
    assert.equal((await stat(join(server.dataDir, 'auth/pepper'))).mode & 0o777, 0o600);

    const audit = (await readFile(join(server.dataDir, 'logs/audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(audit.map((e) => [e.actor, e.action, e.details.user]), [
      ['root', 'user.add', 'dave'],
      ['root', 'user.expire', 'dave'],
    ]);
  });

  it('works from the CLI: user add prints the token once, user list shows the state', async () => {
    const server = await startTestServer({ authToken: ROOT });
    const env = { AI_MEMORY_SERVER_URL: server.url, AI_MEMORY_AUTH_TOKEN: ROOT };
    const added = await runCli(['user', 'add', 'erin'], { env });
    assert.equal(added.code, 0, added.stderr);
    const token = added.stdout.trim().split('\n').at(-1)!;
    assert.match(token, /^aim_/);

    const listed = await runCli(['user', 'list', '--json'], { env });
    assert.deepEqual(JSON.parse(listed.stdout).users.map((u: { name: string; active: boolean }) => [u.name, u.active]), [['erin', true]]);

    const denied = await runCli(['status'], { env: { AI_MEMORY_SERVER_URL: server.url, AI_MEMORY_AUTH_TOKEN: 'wrong' } });
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /token/);

    const generated = await runCli(['generate-auth-token', '--json']);
    assert.match(JSON.parse(generated.stdout).token, /^[0-9a-f]{64}$/);
  });
});
