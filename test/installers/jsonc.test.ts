import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffChars } from 'diff';
import fc from 'fast-check';
import { parse, type ParseError } from 'jsonc-parser';
import { hookCommandLine } from '../../lib/client/installers/command-line.js';
import { installHooks, uninstallHooks } from '../../lib/client/installers/hook-agents.js';
import { installMcp, uninstallMcp } from '../../lib/client/installers/mcp-clients.js';
import { runCli } from '../helpers/cli.js';
import { assertInstallCycle, backupsOf, commandsIn, read, sandbox } from './helpers.js';

const ENV = { AI_MEMORY_SERVER_URL: 'http://127.0.0.1:49999', AI_MEMORY_AUTH_TOKEN: 'aim_tok_123' };
const URL_ = 'http://127.0.0.1:49999/mcp';
const NODE = process.execPath;
const BIN = join(import.meta.dirname, '../../bin/ai-memory');
const ours = (agent: string, event: string) => `"${NODE}" "${BIN}" hook --agent ${agent} --event ${event}`;

// Hand-edited configs: line and block comments, trailing commas, one-line entries, the user's
// own hooks and MCP servers.
const CLAUDE_SETTINGS = `{
  // Claude Code settings, edited by hand
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "model": "opus", // the big one
  /* What Claude may do
     without asking */
  "permissions": {
    "allow": [
      "Bash(npm test:*)",
      "Read(~/src/**)", // reading is fine
    ],
  },
  "hooks": {
    "PreToolUse": [
      // never rm -rf
      {
        "matcher": "Bash",
        "hooks": [
          { "type": "command", "command": "~/.claude/guard-rm.sh", "timeout": 3 },
        ],
      },
    ],
    "Stop": [{ "hooks": [{ "type": "command", "command": "notify-send 'Claude is done'" }] }],
  },
}
`;

const GEMINI_SETTINGS = `{
  // Gemini CLI settings
  "theme": "GitHub",
  "mcpServers": {
    /* the GitHub server, local */
    "github": {
      "command": "github-mcp-server",
      "args": ["stdio"], // stdio transport
    },
  },
  "hooks": {
    "BeforeTool": [
      {
        "matcher": "run_shell_command",
        "hooks": [
          {
            "type": "command",
            "name": "no-force-push",
            "command": "$HOME/bin/no-force-push.sh", // blocks git push -f
            "timeout": 2000,
          },
        ],
      },
    ],
  },
}
`;

const OPENCODE_JSONC = `{
  "$schema": "https://opencode.ai/config.json",
  // OpenCode: my servers
  "theme": "tokyonight",
  "mcp": {
    "sentry": { "type": "remote", "url": "https://mcp.sentry.dev/mcp", "enabled": true }, // error tracking
    /* local docs server */
    "docs": {
      "type": "local",
      "command": ["npx", "-y", "docs-mcp"],
    },
  },
}
`;

function parseJsonc(text: string): Record<string, any> {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true }) as Record<string, any>;
  assert.deepEqual(errors, [], 'the file parses as JSONC');
  return value;
}

/** Installing only added text: every byte of the original is still there, in order. */
function assertOnlyAdded(original: string, installed: string): void {
  const removed = diffChars(original, installed).filter((part) => part.removed);
  assert.deepEqual(removed.map((part) => part.value), [], 'no byte of the original was removed or changed');
}

function assertCommentsKept(original: string, text: string): void {
  for (const comment of original.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)!) assert.ok(text.includes(comment), `comment kept: ${comment}`);
}

describe('JSONC configs: comments, trailing commas and user entries survive install and uninstall', () => {
  it('Claude Code settings.json hooks', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.claude/settings.json'), CLAUDE_SETTINGS);
    const installed = await assertInstallCycle(box, path, ['install-hooks', '--agent', 'claude-code'], ['uninstall', '--agent', 'claude-code']);
    assertOnlyAdded(CLAUDE_SETTINGS, installed);
    assertCommentsKept(CLAUDE_SETTINGS, installed);
    const doc = parseJsonc(installed);
    assert.equal(doc.model, 'opus');
    assert.deepEqual(doc.permissions, { allow: ['Bash(npm test:*)', 'Read(~/src/**)'] });
    assert.deepEqual(doc.hooks.PreToolUse.map((g: { hooks: unknown[] }) => commandsIn(g)), [['~/.claude/guard-rm.sh'], [ours('claude-code', 'PreToolUse')]]);
    assert.deepEqual(commandsIn(doc.hooks.Stop), ["notify-send 'Claude is done'", ours('claude-code', 'Stop')]);
    assert.equal(doc.hooks.SessionStart[0].hooks[0].command, ours('claude-code', 'SessionStart'));
  });

  it('Gemini CLI settings.json: MCP and hooks in the same commented file, removed one at a time', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.gemini/settings.json'), GEMINI_SETTINGS);
    const run = (args: string[]) => box.run(args, ENV);
    const withMcp = await assertInstallCycle({ ...box, run }, path, ['install-mcp', '--client', 'gemini-cli'], ['uninstall', '--client', 'gemini-cli']);
    assertOnlyAdded(GEMINI_SETTINGS, withMcp);
    assertCommentsKept(GEMINI_SETTINGS, withMcp);
    const mcpDoc = parseJsonc(withMcp);
    assert.deepEqual(mcpDoc.mcpServers, { github: { command: 'github-mcp-server', args: ['stdio'] }, 'ai-memory': { httpUrl: URL_, headers: { Authorization: 'Bearer aim_tok_123' } } });

    // Both installed, then each removed: only its own entry goes, the comments stay.
    await run(['install-mcp', '--client', 'gemini-cli', '--apply']);
    await run(['install-hooks', '--agent', 'gemini-cli', '--apply']);
    const both = read(path);
    assertOnlyAdded(GEMINI_SETTINGS, both);
    const bothDoc = parseJsonc(both);
    assert.equal(bothDoc.hooks.BeforeTool[0].hooks[0].name, 'no-force-push');
    assert.ok(bothDoc.hooks.SessionStart[0].hooks[0].command.startsWith(ours('gemini-cli', 'SessionStart')));
    await run(['install-hooks', '--agent', 'gemini-cli', '--apply']);
    assert.equal(read(path), both, 'a second install changes no byte');
    await run(['uninstall', '--agent', 'gemini-cli', '--apply']);
    assert.equal(read(path), withMcp, 'removing the hooks leaves the MCP entry and every comment');
    await run(['uninstall', '--client', 'gemini-cli', '--apply']);
    assert.equal(read(path), GEMINI_SETTINGS);
  });

  it('OpenCode: an existing opencode.jsonc with comments is the file it edits', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.config/opencode/opencode.jsonc'), OPENCODE_JSONC);
    const installed = await assertInstallCycle({ ...box, run: (args) => box.run(args, ENV) }, path, ['install-mcp', '--client', 'opencode'], ['uninstall', '--client', 'opencode']);
    assert.equal(existsSync(join(box.home, '.config/opencode/opencode.json')), false, 'no opencode.json next to it');
    assertOnlyAdded(OPENCODE_JSONC, installed);
    assertCommentsKept(OPENCODE_JSONC, installed);
    assert.ok(installed.includes('    "sentry": { "type": "remote", "url": "https://mcp.sentry.dev/mcp", "enabled": true }, // error tracking\n'), 'the one-line entry keeps its line');
    const doc = parseJsonc(installed);
    assert.deepEqual(Object.keys(doc.mcp), ['sentry', 'docs', 'ai-memory']);
    assert.deepEqual(doc.mcp['ai-memory'], { type: 'remote', url: URL_, enabled: true, oauth: false, headers: { Authorization: 'Bearer aim_tok_123' } });
    assert.deepEqual(doc.mcp.docs, { type: 'local', command: ['npx', '-y', 'docs-mcp'] });
  });

  it('a file left holding only comments after uninstall is kept, not deleted', async () => {
    const box = await sandbox();
    const original = '{\n  // OpenCode config: servers come later\n}\n';
    const path = box.write(join(box.project, 'opencode.jsonc'), original);
    await box.run(['install-mcp', '--client', 'opencode', '--scope', 'project', '--apply']);
    assert.equal(parseJsonc(read(path)).mcp['ai-memory'].url, 'http://127.0.0.1:49374/mcp');
    await box.run(['uninstall', '--client', 'opencode', '--scope', 'project', '--apply']);
    assert.equal(read(path), original);
  });

  it('refuses a file that is not valid JSONC, and leaves it untouched', async () => {
    const box = await sandbox();
    const cut = (text: string) => text.replace(/\n\}\n$/, '\n'); // the closing brace gone
    const cases: Array<[string[], string, string]> = [
      [['install-hooks', '--agent', 'claude-code', '--apply'], join(box.home, '.claude/settings.json'), cut(CLAUDE_SETTINGS)],
      [['install-hooks', '--agent', 'gemini-cli', '--apply'], join(box.home, '.gemini/settings.json'), cut(GEMINI_SETTINGS)],
      [['install-mcp', '--client', 'opencode', '--apply'], join(box.home, '.config/opencode/opencode.jsonc'), cut(OPENCODE_JSONC)],
      [['uninstall', '--client', 'opencode', '--apply'], join(box.home, '.config/opencode/opencode.jsonc'), cut(OPENCODE_JSONC)],
    ];
    for (const [args, path, broken] of cases) {
      box.write(path, broken);
      const result = await runCli(args, { env: box.env, cwd: box.project });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /is not valid JSON \((CloseBrace|PropertyName)Expected at line \d+, column 1; comments and trailing commas are fine\)/);
      assert.equal(read(path), broken, 'the file is untouched');
      assert.deepEqual(backupsOf(path), [], 'and not backed up');
    }
  });
});

describe('JSONC edits in place (the editing functions)', () => {
  const options = { node: '/usr/bin/node', packageDir: '/opt/ai-memory' };
  const stop = JSON.stringify(hookCommandLine('claude-code', 'Stop', options));

  it('keeps CRLF line endings and tabs, in the lines it adds too', () => {
    const original = '{\r\n\t// mine\r\n\t"theme": "GitHub",\r\n}\r\n';
    const installed = installMcp('gemini-cli', original, 'settings.json', { serverUrl: 'http://127.0.0.1:1' }).after!;
    assert.equal(installed, '{\r\n\t// mine\r\n\t"theme": "GitHub",\r\n\t"mcpServers": {\r\n\t\t"ai-memory": {\r\n\t\t\t"httpUrl": "http://127.0.0.1:1/mcp"\r\n\t\t}\r\n\t},\r\n}\r\n');
    assert.equal(uninstallMcp('gemini-cli', installed, 'settings.json').after, original);
  });

  it('takes its handlers out of a group it owns and of a group it shares, leaving the comment in the shared one', () => {
    const original = `{\n  "hooks": {\n    "Stop": [\n      { "hooks": [{ "type": "command", "command": ${stop} }] },\n      {\n        "hooks": [\n          // mine first\n          { "type": "command", "command": "say done" },\n          { "type": "command", "command": ${stop} },\n        ],\n      },\n    ],\n  },\n}\n`;
    const after = uninstallHooks('claude-code', original, 'settings.json').after!;
    assert.equal(after, '{\n  "hooks": {\n    "Stop": [\n      {\n        "hooks": [\n          // mine first\n          { "type": "command", "command": "say done" },\n        ],\n      },\n    ],\n  },\n}\n');
  });

  it('keeps a byte-order mark', () => {
    const original = '\uFEFF{\n  // mine\n  "model": "opus"\n}\n';
    const installed = installHooks('claude-code', original, 'settings.json', options).after!;
    assert.ok(installed.startsWith('\uFEFF{\n  // mine\n  "model": "opus",\n  "hooks": {'));
    assert.equal(installHooks('claude-code', installed, 'settings.json', options).after, installed);
    assert.equal(uninstallHooks('claude-code', installed, 'settings.json').after, original);
  });

  it('on any config, install then uninstall gives the text back and install adds only our entry', () => {
    const key = fc.string({ maxLength: 8 }).filter((k) => !['__proto__', 'mcpServers'].includes(k));
    // A nested "__proto__" key parses to an object's prototype, which deepEqual compares by reference.
    const config = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).filter((doc) => !JSON.stringify(doc).includes('"__proto__"'));
    const layout = fc.record({ indent: fc.constantFrom('  ', '    ', '\t'), trailingCommas: fc.boolean(), comments: fc.boolean(), crlf: fc.boolean() });
    fc.assert(
      fc.property(config, layout, (doc, style) => {
        let text = `${JSON.stringify(doc, null, style.indent)}\n`;
        if (style.trailingCommas) text = text.replace(/([^[{\s])\n(\s*[}\]])/g, '$1,\n$2');
        if (style.comments) text = `// settings\n${text.replace(/,\n/g, ', // note\n')}`;
        if (style.crlf) text = text.replace(/\n/g, '\r\n');
        const target = { serverUrl: 'http://127.0.0.1:1' };
        const installed = installMcp('cursor', text, 'mcp.json', target).after!;
        assert.deepEqual(parseJsonc(installed), { ...parseJsonc(text), mcpServers: { 'ai-memory': { url: 'http://127.0.0.1:1/mcp' } } });
        assertOnlyAdded(text, installed);
        assert.equal(installMcp('cursor', installed, 'mcp.json', target).after, installed);
        const removed = uninstallMcp('cursor', installed, 'mcp.json').after;
        assert.equal(removed, Object.keys(doc).length === 0 && !style.comments ? null : text);
      }),
      { numRuns: 300 },
    );
  });

  it('on any hooks config of the user, install then uninstall gives the text back', () => {
    const handler = fc.record({ type: fc.constant('command'), command: fc.constantFrom('say done', '~/.claude/guard.sh', 'notify-send "done"') }, { requiredKeys: ['type', 'command'] });
    const group = fc.record({ matcher: fc.constantFrom('Bash', 'Edit|Write'), hooks: fc.array(handler, { minLength: 1, maxLength: 2 }) }, { requiredKeys: ['hooks'] });
    const hooks = fc.dictionary(fc.constantFrom('PreToolUse', 'Stop', 'SessionStart', 'Mine'), fc.array(group, { minLength: 1, maxLength: 3 }), { minKeys: 1 }); // an empty table the install filled goes with it (docs/install.md)
    const settings = fc.record({ model: fc.constantFrom('opus', 'sonnet'), hooks }, { requiredKeys: [] });
    fc.assert(
      fc.property(settings, fc.boolean(), (doc, comments) => {
        let text = `${JSON.stringify(doc, null, 2)}\n`;
        if (comments) text = text.replace(/,\n/g, ', // note\n').replace(/\n(\s*)\{\n/g, '\n$1/* a group */ {\n');
        const installed = installHooks('claude-code', text, 'settings.json', options).after!;
        assertOnlyAdded(text, installed);
        assert.equal(installHooks('claude-code', installed, 'settings.json', options).after, installed);
        const removed = uninstallHooks('claude-code', installed, 'settings.json').after;
        assert.equal(removed, Object.keys(doc).length === 0 ? null : text);
      }),
      { numRuns: 200 },
    );
  });
});
