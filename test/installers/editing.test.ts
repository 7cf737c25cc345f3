import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { hookCommandLine, isAiMemoryCommand } from '../../lib/client/installers/command-line.js';
import { installHooks, uninstallHooks } from '../../lib/client/installers/hook-agents.js';
import { removeBlock, upsertBlock } from '../../lib/client/installers/marked-block.js';

const OPTIONS = { node: '/opt/node 20/bin/node', packageDir: '/home/dev/$pkgs/ai-memory' };

describe('installer editing functions', () => {
  it('quotes paths with spaces and $ so the shell passes them through unchanged', () => {
    const command = hookCommandLine('codex', 'SessionStart', { ...OPTIONS, authToken: 'a b"c' });
    const argv = execFileSync('sh', ['-c', `printf '%s\\n' ${command}`], { encoding: 'utf8' }).trimEnd().split('\n');
    assert.deepEqual(argv, ['/opt/node 20/bin/node', '/home/dev/$pkgs/ai-memory/bin/ai-memory', 'hook', '--agent', 'codex', '--event', 'SessionStart', '--auth-token', 'a b"c']);
  });

  it('recognises only its own hook commands', () => {
    assert.ok(isAiMemoryCommand(hookCommandLine('cursor', 'stop', OPTIONS)));
    assert.ok(isAiMemoryCommand(hookCommandLine('cursor', 'stop', { ...OPTIONS, scripts: true })));
    assert.ok(isAiMemoryCommand('ai-memory hook --agent claude-code --event Stop'));
    for (const other of ['ai-memory search foo', '~/bin/memory-hook.sh', 'echo ai-memory', 'npx other-ai-memory-tool hook']) assert.equal(isAiMemoryCommand(other), false, other);
  });

  it('takes its handler out of a group it shares with a user handler, leaving the user handler', () => {
    const shared = `${JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }, { type: 'command', command: hookCommandLine('claude-code', 'Stop', OPTIONS) }] }] } }, null, 2)}\n`;
    const after = uninstallHooks('claude-code', shared, 'settings.json').after!;
    assert.deepEqual(JSON.parse(after), { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } });
    // Re-installing updates the shared group in place instead of adding a second one.
    const again = JSON.parse(installHooks('claude-code', shared, 'settings.json', OPTIONS).after!) as { hooks: { Stop: unknown[] } };
    assert.equal(again.hooks.Stop.length, 1);
  });

  it('keeps tabs and a missing final newline when it rewrites JSON', () => {
    const tabbed = '{\n\t"model": "opus"\n}';
    const after = installHooks('claude-code', tabbed, 'settings.json', OPTIONS).after!;
    assert.match(after, /^\{\n\t"model": "opus",\n\t"hooks": \{\n\t\t"SessionStart"/);
    assert.ok(after.endsWith('}'));
    assert.equal(uninstallHooks('claude-code', after, 'settings.json').after, tabbed);
  });

  it('marked blocks: appended once, replaced in place, removed with the blank line they added', () => {
    const markers = { begin: '# >>> x >>>', end: '# <<< x <<<' };
    const original = 'a = 1\n';
    const once = upsertBlock(original, markers, 'b = 2');
    assert.equal(once, 'a = 1\n\n# >>> x >>>\nb = 2\n# <<< x <<<\n');
    assert.equal(upsertBlock(once, markers, 'b = 2'), once);
    assert.equal(upsertBlock(once, markers, 'b = 3'), 'a = 1\n\n# >>> x >>>\nb = 3\n# <<< x <<<\n');
    assert.equal(removeBlock(once, markers), original);
    assert.equal(removeBlock(upsertBlock(null, markers, 'b'), markers), null);
    // Without a final newline the file gains one: the only byte not given back.
    assert.equal(removeBlock(upsertBlock('a = 1', markers, 'b'), markers), 'a = 1\n');
  });
});
