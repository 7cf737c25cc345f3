import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseFrontmatter, splitPage } from '../../lib/core/frontmatter.js';
import { spawnServe, type ServeProcess } from '../helpers/cli.js';
import { fsck, git } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

const ROUNDS = 20;
const PROJECT = { workspace: 'default', project: 'crashy' };

interface Acked {
  events: Map<string, Set<string>>;
  pages: Array<{ path: string; marker: string }>;
}

/** Hook events and page writes, several in flight, until the server dies; records what it acknowledged. */
async function drive(server: ServeProcess, round: number, acked: Acked): Promise<void> {
  const session = `crash-${round}`;
  const ids = acked.events.get(session) ?? new Set<string>();
  acked.events.set(session, ids);
  const alive = () => server.child.exitCode === null && server.child.signalCode === null;
  const hook = async (kind: string, extra: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/hook?agent=claude-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: session, cwd: '/work/crashy', hook_event_name: kind, ...extra }),
    });
    if (response.status === 202) ids.add(((await response.json()) as { id: string }).id);
  };
  const events = async (lane: number) => {
    for (let i = 0; alive(); i++) await hook('PostToolUse', { tool_name: 'Bash', tool_input: { command: `r${round} l${lane} s${i}` }, tool_response: 'ok' }).catch(() => undefined);
  };
  const writes = async (lane: number) => {
    for (let i = 0; alive(); i++) {
      const marker = `zq${round}x${lane}y${i}`;
      const path = `notes/r${round}-${lane}-${i}.md`;
      const body = `# Crash page ${marker}\n\nWritten in round ${round}; the marker ${marker} must survive.\n`;
      const response = await fetch(`${server.url}/admin/write-page`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...PROJECT, path, body }),
      }).catch(() => null);
      if (response?.ok) acked.pages.push({ path, marker });
    }
  };
  await hook('UserPromptSubmit', { prompt: `round ${round}: keep everything` });
  // kill -9 at a random moment while the traffic flows.
  const killer = new Promise<void>((resolve) =>
    setTimeout(() => {
      server.child.kill('SIGKILL');
      resolve();
    }, 150 + Math.random() * 700),
  );
  await Promise.all([killer, events(0), events(1), events(2), events(3), writes(0), writes(1)]);
  await server.stop('SIGKILL');
}

function jsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
}

describe('crash safety under kill -9', () => {
  it(`keeps every acknowledged event and page through ${ROUNDS} kills, with no torn file and a valid repository and index`, async () => {
    const dataDir = await tempDir('aim-crash-');
    const acked: Acked = { events: new Map(), pages: [] };
    for (let round = 0; round < ROUNDS; round++) await drive(await spawnServe(dataDir), round, acked);
    // How many writes land before each kill depends on the machine's load; some must have.
    assert.ok(acked.pages.length > 0, `pages were acknowledged before the kills (${acked.pages.length})`);

    const server = await spawnServe(dataDir);
    // No torn raw log: every line of every JSONL file parses, and holds every acknowledged event.
    const stored = new Map<string, string[]>();
    for (const file of jsonlFiles(join(dataDir, 'raw'))) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as { id: string; session_id?: string };
        stored.set(file, [...(stored.get(file) ?? []), event.id]);
      }
    }
    const storedIds = new Set([...stored.values()].flat());
    for (const [session, ids] of acked.events) for (const id of ids) assert.ok(storedIds.has(id), `acknowledged event ${id} of ${session} is on disk`);

    // Every acknowledged page is on disk, parses, is committed, and is found by search.
    const wiki = join(dataDir, 'wiki');
    const tracked = new Set(git(wiki, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n'));
    for (const { path, marker } of acked.pages) {
      const rel = `default/crashy/${path}`;
      const text = readFileSync(join(wiki, rel), 'utf8');
      assert.ok(text.includes(`the marker ${marker} must survive`), `${rel} is complete`);
      assert.equal(parseFrontmatter(splitPage(text).yaml).error, undefined, `${rel} has valid frontmatter`);
      assert.ok(tracked.has(rel), `${rel} is committed`);
    }
    for (const { path, marker } of acked.pages) {
      const response = await fetch(`${server.url}/api/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...PROJECT, q: marker }),
      });
      const { hits } = (await response.json()) as { hits: Array<{ path: string }> };
      assert.equal(hits[0]?.path, path, `search finds ${marker}`);
    }
    fsck(wiki);

    // Sessions interrupted by a kill close correctly on the restarted server.
    for (const session of acked.events.keys()) {
      const response = await fetch(`${server.url}/hook?agent=claude-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: session, cwd: '/work/crashy', hook_event_name: 'SessionEnd', reason: 'exit' }),
      });
      assert.equal(response.status, 202);
    }
    for (const session of acked.events.keys()) {
      const page = join(wiki, `default/crashy/sessions/${session}.md`);
      await waitFor(() => existsSync(page), `the session page of ${session}`, 20_000);
      const onDisk = (stored.get(join(dataDir, `raw/default/crashy/${session}.jsonl`)) ?? []).length;
      // The prompt is one event; every tool call that reached the disk is counted in the page.
      const calls = onDisk - 1;
      if (calls === 0) assert.doesNotMatch(readFileSync(page, 'utf8'), /- `Bash`: /, `${session} was killed before any tool call reached the disk`);
      else await waitFor(() => readFileSync(page, 'utf8').includes(`- \`Bash\`: ${calls}\n`), `${session} counts its ${calls} tool calls`, 20_000);
    }
    await server.stop();
    fsck(wiki);
  });
});
