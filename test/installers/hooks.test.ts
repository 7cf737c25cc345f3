import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertInstallCycle, commandsIn, read, sandbox } from './helpers.js';

const NODE = process.execPath;
const BIN = join(import.meta.dirname, '../../bin/ai-memory');
const ours = (agent: string, event: string) => `"${NODE}" "${BIN}" hook --agent ${agent} --event ${event}`;

// What users already have: their own hooks and settings that must survive untouched.
const CLAUDE_SETTINGS = `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "model": "opus",
  "permissions": {
    "allow": [
      "Bash(npm test:*)",
      "Read(~/src/**)"
    ]
  },
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [
          {
            "type": "command",
            "command": "~/.claude/guard-rm.sh",
            "timeout": 3
          }
        ]
      }
    ],
    "Stop": [
      {
        "hooks": [
          {
            "type": "command",
            "command": "notify-send 'Claude is done'"
          }
        ]
      }
    ]
  },
  "statusLine": {
    "type": "command",
    "command": "~/.claude/statusline.sh"
  }
}
`;

const CODEX_HOOKS = `{
  "hooks": {
    "PostToolUse": [
      {
        "matcher": "apply_patch",
        "hooks": [
          {
            "type": "command",
            "command": "prettier --write \\"$(git diff --name-only)\\"",
            "timeout": 30
          }
        ]
      }
    ]
  }
}
`;

const GEMINI_SETTINGS = `{
  "theme": "GitHub",
  "mcpServers": {
    "github": {
      "command": "github-mcp-server",
      "args": [
        "stdio"
      ]
    }
  },
  "hooks": {
    "BeforeTool": [
      {
        "matcher": "run_shell_command",
        "hooks": [
          {
            "type": "command",
            "name": "no-force-push",
            "command": "$HOME/bin/no-force-push.sh",
            "timeout": 2000
          }
        ]
      }
    ]
  }
}
`;

const CURSOR_HOOKS = `{
  "version": 1,
  "hooks": {
    "beforeShellExecution": [
      {
        "command": "./hooks/audit.sh"
      }
    ],
    "stop": [
      {
        "command": "./hooks/say-done.sh"
      }
    ]
  }
}
`;

const ANTIGRAVITY_HOOKS = `{
  "lint": {
    "PostToolUse": [
      {
        "matcher": "edit_file",
        "hooks": [
          {
            "type": "command",
            "command": "eslint --fix"
          }
        ]
      }
    ]
  }
}
`;

type Nested = { hooks: Record<string, Array<{ matcher?: string; hooks: Array<{ command: string; timeout?: number; name?: string }> }>> };

describe('install-hooks: every agent, on realistic existing configs', () => {
  it('Claude Code: wires every event into ~/.claude/settings.json and keeps the user hooks', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.claude/settings.json'), CLAUDE_SETTINGS);
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'claude-code'], ['uninstall', '--agent', 'claude-code']);
    const doc = JSON.parse(text) as Nested & Record<string, unknown>;
    assert.equal(doc.model, 'opus');
    assert.deepEqual(doc.statusLine, { type: 'command', command: '~/.claude/statusline.sh' });
    assert.deepEqual(Object.keys(doc.hooks).sort(), ['Notification', 'PostCompact', 'PostToolUse', 'PostToolUseFailure', 'PreCompact', 'PreToolUse', 'SessionEnd', 'SessionStart', 'Stop', 'SubagentStart', 'SubagentStop', 'UserPromptSubmit']);
    assert.equal(doc.hooks.PreToolUse![0]!.hooks[0]!.command, '~/.claude/guard-rm.sh', 'the user hook stays first');
    assert.equal(doc.hooks.PreToolUse![1]!.hooks[0]!.command, ours('claude-code', 'PreToolUse'));
    assert.equal(doc.hooks.Stop![0]!.hooks[0]!.command, "notify-send 'Claude is done'");
    assert.equal(doc.hooks.SessionStart![0]!.hooks[0]!.command, ours('claude-code', 'SessionStart'));
    assert.equal(doc.hooks.SessionStart![0]!.hooks[0]!.timeout, 10);
  });

  it('Claude Code, project scope, with the server URL, token and repo-root strategy from the environment', async () => {
    const box = await sandbox();
    const env = { AI_MEMORY_SERVER_URL: 'http://10.0.0.5:49374', AI_MEMORY_AUTH_TOKEN: 'aim_s3cr3t' };
    const dry = await box.run(['install-hooks', '--agent', 'claude-code', '--scope', 'project', '--project-strategy', 'repo-root'], env);
    assert.doesNotMatch(dry.stdout, /aim_s3cr3t/, 'the token is masked in the printed diff');
    assert.match(dry.stdout, /holds your auth token and is inside the project: keep it out of version control/);
    await box.run(['install-hooks', '--agent', 'claude-code', '--scope', 'project', '--project-strategy', 'repo-root', '--apply'], env);
    const doc = JSON.parse(read(join(box.project, '.claude/settings.local.json'))) as Nested;
    assert.equal(doc.hooks.UserPromptSubmit![0]!.hooks[0]!.command, `${ours('claude-code', 'UserPromptSubmit')} --server-url http://10.0.0.5:49374 --auth-token aim_s3cr3t --project-strategy repo-root`);
    // A later install without the variables replaces the commands in place.
    await box.run(['install-hooks', '--agent', 'claude-code', '--scope', 'project', '--apply']);
    const after = JSON.parse(read(join(box.project, '.claude/settings.local.json'))) as Nested;
    assert.equal(after.hooks.UserPromptSubmit!.length, 1);
    assert.equal(after.hooks.UserPromptSubmit![0]!.hooks[0]!.command, ours('claude-code', 'UserPromptSubmit'));
    await box.run(['uninstall', '--agent', 'claude-code', '--scope', 'project', '--apply']);
    assert.throws(() => read(join(box.project, '.claude/settings.local.json')), /ENOENT/);
  });

  it('Codex: ~/.codex/hooks.json, no SessionEnd, and the trust step is spelled out', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.codex/hooks.json'), CODEX_HOOKS);
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'codex'], ['uninstall', '--agent', 'codex']);
    const doc = JSON.parse(text) as Nested;
    assert.deepEqual(Object.keys(doc.hooks).sort(), ['PostCompact', 'PostToolUse', 'PreCompact', 'PreToolUse', 'SessionStart', 'Stop', 'SubagentStart', 'SubagentStop', 'UserPromptSubmit']);
    assert.equal(doc.hooks.PostToolUse![0]!.hooks[0]!.command, 'prettier --write "$(git diff --name-only)"');
    for (const groups of Object.values(doc.hooks)) for (const g of groups) for (const h of g.hooks) assert.equal((h as { async?: boolean }).async, undefined, 'Codex skips async hooks');
    const out = await box.run(['install-hooks', '--agent', 'codex']);
    assert.match(out.stdout, /\/hooks/);
    assert.match(out.stdout, /trust/);
    // reference/clients.md 4.2: the project layer loads only when the project is trusted.
    assert.match(out.stdout, /\.codex\/hooks\.json is loaded only when Codex trusts that project/);
  });

  it('Codex honours CODEX_HOME', async () => {
    const box = await sandbox();
    const codexHome = join(box.home, 'elsewhere');
    await box.run(['install-hooks', '--agent', 'codex', '--apply'], { CODEX_HOME: codexHome });
    assert.ok(commandsIn(JSON.parse(read(join(codexHome, 'hooks.json')))).includes(ours('codex', 'SessionStart')));
  });

  it('Gemini CLI: hooks next to mcpServers in settings.json, timeouts in milliseconds', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.gemini/settings.json'), GEMINI_SETTINGS);
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'gemini-cli'], ['uninstall', '--agent', 'gemini-cli']);
    const doc = JSON.parse(text) as Nested & { mcpServers: unknown; theme: string };
    assert.equal(doc.theme, 'GitHub');
    assert.deepEqual(doc.mcpServers, { github: { command: 'github-mcp-server', args: ['stdio'] } });
    assert.deepEqual(Object.keys(doc.hooks).sort(), ['AfterAgent', 'AfterTool', 'BeforeAgent', 'BeforeTool', 'Notification', 'PreCompress', 'SessionEnd', 'SessionStart']);
    assert.equal(doc.hooks.BeforeTool![0]!.hooks[0]!.name, 'no-force-push');
    const start = doc.hooks.SessionStart![0]!.hooks[0]!;
    assert.equal(start.command, ours('gemini-cli', 'SessionStart'));
    assert.equal(start.timeout, 10000);
    assert.equal(start.name, 'ai-memory-SessionStart');
  });

  it('Cursor: the flat hooks.json shape with version 1', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.cursor/hooks.json'), CURSOR_HOOKS);
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'cursor'], ['uninstall', '--agent', 'cursor']);
    const doc = JSON.parse(text) as { version: number; hooks: Record<string, Array<{ command: string }>> };
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.hooks.beforeShellExecution, [{ command: './hooks/audit.sh' }]);
    assert.deepEqual(doc.hooks.stop!.map((h) => h.command), ['./hooks/say-done.sh', ours('cursor', 'stop')]);
    for (const event of ['sessionStart', 'sessionEnd', 'beforeSubmitPrompt', 'postToolUse', 'preCompact']) assert.equal(doc.hooks[event]![0]!.command, ours('cursor', event));
  });

  it('Cursor: a fresh hooks.json is created and removed again', async () => {
    const box = await sandbox();
    const text = await assertInstallCycle(box, join(box.project, '.cursor/hooks.json'), ['install-hooks', '--agent', 'cursor', '--scope', 'project'], ['uninstall', '--agent', 'cursor', '--scope', 'project'], { created: true });
    assert.match(text, /^\{\n {2}"version": 1,\n {2}"hooks": \{/);
  });

  it('Antigravity: an "ai-memory" hook group next to the user groups, no PreToolUse', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.gemini/config/hooks.json'), ANTIGRAVITY_HOOKS);
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'antigravity'], ['uninstall', '--agent', 'antigravity']);
    const doc = JSON.parse(text) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(doc), ['lint', 'ai-memory']);
    assert.deepEqual(Object.keys(doc['ai-memory']!), ['PreInvocation', 'PostToolUse', 'Stop']);
    assert.deepEqual(doc['ai-memory']!.PreInvocation, [{ type: 'command', command: ours('antigravity', 'PreInvocation') }]);
  });

  it('OpenCode: a plugin file, refused over a file that is not ours', async () => {
    const box = await sandbox();
    const path = join(box.home, '.config/opencode/plugins/ai-memory.js');
    const text = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'opencode'], ['uninstall', '--agent', 'opencode'], { created: true });
    assert.match(text, /export const AiMemoryPlugin = async/);
    assert.ok(text.includes(JSON.stringify(NODE)));
    box.write(path, 'export const Mine = async () => ({});\n');
    const { runCli } = await import('../helpers/cli.js');
    const refused = await runCli(['install-hooks', '--agent', 'opencode', '--apply'], { env: box.env, cwd: box.project });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /not written by ai-memory/);
    assert.equal(read(path), 'export const Mine = async () => ({});\n');
  });

  it('--scripts wires the POSIX sh scripts instead, and --config picks the file', async () => {
    const box = await sandbox();
    const path = join(box.project, 'custom-settings.json');
    await box.run(['install-hooks', '--agent', 'claude-code', '--scripts', '--config', 'custom-settings.json', '--apply']);
    const commands = commandsIn(JSON.parse(read(path)));
    assert.ok(commands.includes(`"${join(import.meta.dirname, '../../hooks/claude-code/ai-memory-hook.sh')}" SessionStart`), commands[0]);
    await box.run(['uninstall', '--agent', 'claude-code', '--config', 'custom-settings.json', '--apply']);
    assert.throws(() => read(path), /ENOENT/);
  });

  it('refuses broken JSON without touching it, and agents it cannot wire', async () => {
    const box = await sandbox();
    const { runCli } = await import('../helpers/cli.js');
    const broken = '{\n  // my settings\n  "model": "opus",\n  "hooks": {\n}\n';
    const path = box.write(join(box.home, '.claude/settings.json'), broken);
    const result = await runCli(['install-hooks', '--agent', 'claude-code', '--apply'], { env: box.env, cwd: box.project });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /settings\.json is not valid JSON \(CloseBraceExpected at line 6/);
    assert.equal(read(path), broken);
    const unknown = await runCli(['install-hooks', '--agent', 'vim'], { env: box.env, cwd: box.project });
    assert.match(unknown.stderr, /Unknown agent "vim"/);
    const hookless = await runCli(['install-hooks', '--agent', 'claude-desktop'], { env: box.env, cwd: box.project });
    assert.match(hookless.stderr, /install-mcp --client claude-desktop/);
  });
});
