import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { isAiMemoryCommand } from '../../lib/client/installers/command-line.js';
import { backupsOf, commandsIn, read, sandbox, type Sandbox } from './helpers.js';

const NODE = process.execPath;
const PACKAGE = join(import.meta.dirname, '../..');
const TOKEN = 'tok-upgrade-3f9a1c7e5b2d8046';
const OLD_NODE = '/home/me/.nvm/versions/node/v20.11.0/bin/node';
const OLD_PACKAGE = '/home/me/src/ai-memory-0.0.9';

/** What an older install left on disk: another node, another checkout. */
function ageInstall(box: Sandbox, path: string, edit: (text: string) => string = (t) => t): string {
  const aged = edit(read(path).split(NODE).join(OLD_NODE).split(PACKAGE).join(OLD_PACKAGE));
  return box.write(path, aged);
}

type Changes = { changes: Array<{ path: string; action: string; diff?: string }> };

describe('ai-memory upgrade', () => {
  it('rewrites old node and package paths in every installed hook and MCP entry, keeping URL, token, flags and the user\'s own entries', async () => {
    const box = await sandbox();
    const url = 'http://127.0.0.1:49999';
    const claude = join(box.home, '.claude/settings.json');
    box.write(claude, '{\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "notify-send done" }] }]\n  },\n  "model": "opus"\n}\n');
    await box.run(['install-hooks', '--agent', 'claude-code', '--server-url', url, '--auth-token', TOKEN, '--project-strategy', 'repo-root', '--apply']);
    const fresh = JSON.parse(read(claude)) as unknown;
    await box.run(['install-hooks', '--agent', 'gemini-cli', '--server-url', url, '--scripts', '--apply']);
    await box.run(['install-mcp', '--client', 'gemini-cli', '--server-url', url, '--apply']);
    await box.run(['install-hooks', '--agent', 'opencode', '--server-url', url, '--apply']);
    await box.run(['install-mcp', '--client', 'codex', '--server-url', url, '--auth-token', TOKEN, '--apply']);
    await box.run(['install-mcp', '--client', 'claude-code', '--server-url', url, '--auth-token', TOKEN, '--apply']);

    // An older version: no PostCompact hook, an old MCP entry shape, a flag this version does not know.
    ageInstall(box, claude, (t) => {
      const doc = JSON.parse(t) as { hooks: Record<string, unknown> };
      delete doc.hooks.PostCompact;
      return `${JSON.stringify(doc, null, 2)}\n`;
    });
    const gemini = ageInstall(box, join(box.home, '.gemini/settings.json'), (t) => t.replaceAll(`--server-url ${url}`, `--server-url ${url} --future-flag on`));
    const opencode = ageInstall(box, join(box.home, '.config/opencode/plugins/ai-memory.js'));
    const codex = ageInstall(box, join(box.home, '.codex/config.toml'), (t) => t.replace('default_tools_approval_mode = "approve"\n', ''));
    const claudeJson = ageInstall(box, join(box.home, '.claude.json'), (t) => t.replace('"type": "http",', ''));
    await box.run(['install-instructions', '--file', 'AGENTS.md', '--apply']);
    const agents = box.write(join(box.project, 'AGENTS.md'), read(join(box.project, 'AGENTS.md')).replace('memory_briefing', 'memory_overview_old'));
    const aged = new Map([claude, gemini, opencode, codex, claudeJson, agents].map((p) => [p, read(p)]));
    const earlierBackups = new Map([...aged.keys()].map((p) => [p, backupsOf(p)]));

    const dry = await box.run(['upgrade']);
    for (const [path, text] of aged) assert.equal(read(path), text, `the dry run leaves ${path} alone`);
    assert.match(dry.stdout, /would update/);
    assert.match(dry.stdout, /--apply/);
    assert.ok(!dry.stdout.includes(TOKEN), 'the token is masked in the printed diff');

    const applied = JSON.parse((await box.run(['upgrade', '--apply', '--json'])).stdout) as Changes & { node: string; version: string };
    assert.equal(applied.node, NODE);
    assert.deepEqual(applied.changes.filter((c) => c.action === 'update').map((c) => c.path).sort(), [...aged.keys()].sort());
    for (const [path, text] of aged) {
      const made = backupsOf(path).filter((b) => !earlierBackups.get(path)!.includes(b));
      assert.equal(made.length, 1, `one backup of ${path}`);
      assert.equal(read(join(dirname(path), made[0]!)), text, 'the backup holds the old install');
      assert.ok(!read(path).includes(OLD_NODE) && !read(path).includes(OLD_PACKAGE), `${path} no longer names the old node or checkout`);
    }
    assert.ok(!JSON.stringify(applied).includes(TOKEN), 'no token in the JSON report');

    // Claude Code: exactly what a fresh install with the same flags writes, the user's hook kept.
    assert.deepEqual(JSON.parse(read(claude)), fresh);
    const claudeCommands = commandsIn(JSON.parse(read(claude)));
    assert.ok(claudeCommands.includes('notify-send done'));
    for (const command of claudeCommands.filter(isAiMemoryCommand)) {
      assert.ok(command.startsWith(`"${NODE}" "${PACKAGE}/bin/ai-memory" hook`), command);
      assert.match(command, new RegExp(`--server-url ${url} --auth-token ${TOKEN} --project-strategy repo-root$`));
    }
    // Gemini: the script form stays the script form; the unknown flag survives; its MCP entry too.
    const geminiDoc = JSON.parse(read(gemini)) as { mcpServers: Record<string, { httpUrl: string }> };
    for (const command of commandsIn(geminiDoc)) assert.match(command, new RegExp(`^"${PACKAGE}/hooks/gemini-cli/ai-memory-hook.sh" \\w+ --server-url ${url} --future-flag on$`));
    assert.equal(geminiDoc.mcpServers['ai-memory']!.httpUrl, `${url}/mcp`);
    assert.match(read(opencode), new RegExp(`const NODE = "${NODE}"`));
    assert.match(read(codex), /default_tools_approval_mode = "approve"/);
    assert.ok(read(agents).includes('memory_briefing') && !read(agents).includes('memory_overview_old'), 'the instruction block is the current one');
    assert.match(read(codex), new RegExp(`Authorization = "Bearer ${TOKEN}"`));
    assert.deepEqual((JSON.parse(read(claudeJson)) as { mcpServers: Record<string, unknown> }).mcpServers['ai-memory'], { type: 'http', url: `${url}/mcp`, headers: { Authorization: `Bearer ${TOKEN}` } });

    const again = JSON.parse((await box.run(['upgrade', '--apply', '--json'])).stdout) as Changes;
    assert.ok(again.changes.every((c) => c.action === 'unchanged'), 'a second upgrade changes nothing');
    for (const path of aged.keys()) assert.equal(backupsOf(path).length, earlierBackups.get(path)!.length + 1, 'and backs nothing up');
  });

  it('touches nothing and says how to install when no ai-memory entry exists', async () => {
    const box = await sandbox();
    const settings = box.write(join(box.home, '.claude/settings.json'), '{ "model": "opus" }\n');
    const out = await box.run(['upgrade', '--apply']);
    assert.match(out.stdout, /No ai-memory hooks or MCP entries were found/);
    assert.equal(read(settings), '{ "model": "opus" }\n');
    assert.deepEqual(backupsOf(settings), []);
  });
});
