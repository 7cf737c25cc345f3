import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INSTRUCTIONS_BODY } from '../../lib/client/installers/instructions-block.js';
import { INSTRUCTIONS } from '../../lib/server/mcp/instructions.js';
import { assertInstallCycle, read, sandbox } from './helpers.js';

const CLAUDE_MD = `# acme-api

- Run \`npm test\` before committing.
- Never edit generated files under src/gen/.
`;

describe('install-instructions', () => {
  it('appends one marked block to CLAUDE.md, refreshes it in place, and removes it cleanly', async () => {
    const box = await sandbox();
    const path = box.write(join(box.project, 'CLAUDE.md'), CLAUDE_MD);
    const text = await assertInstallCycle(box, path, ['install-instructions'], ['uninstall', '--instructions']);
    assert.ok(text.startsWith(`${CLAUDE_MD}\n<!-- ai-memory:begin -->\n## Long-term memory (ai-memory)`));
    assert.ok(text.endsWith('<!-- ai-memory:end -->\n'));

    // An older block in the middle of the file, with the user's notes after it, is replaced in place.
    const stale = `${CLAUDE_MD}\n<!-- ai-memory:begin -->\nold routing text\n<!-- ai-memory:end -->\n\n## My notes\n\nkeep me\n`;
    box.write(path, stale);
    await box.run(['install-instructions', '--apply']);
    const refreshed = read(path);
    assert.doesNotMatch(refreshed, /old routing text/);
    assert.equal(refreshed.match(/ai-memory:begin/g)!.length, 1);
    assert.ok(refreshed.endsWith('<!-- ai-memory:end -->\n\n## My notes\n\nkeep me\n'));
  });

  it('updates every instruction file present, or creates AGENTS.md; --file picks one', async () => {
    const box = await sandbox();
    const created = await box.run(['install-instructions', '--apply']);
    assert.match(read(join(box.project, 'AGENTS.md')), /^<!-- ai-memory:begin -->\n/);
    // Claude Code reads CLAUDE.md, not AGENTS.md (reference/clients.md 3.6): the user is told.
    assert.match(created.stdout, /note: Claude Code reads CLAUDE\.md, not AGENTS\.md/);
    assert.match(created.stdout, /note: Gemini CLI reads GEMINI\.md/);
    assert.doesNotMatch(created.stdout, /Codex and Cursor read AGENTS\.md/);
    box.write(join(box.project, 'GEMINI.md'), '# Gemini notes\n');
    await box.run(['install-instructions', '--apply']);
    assert.match(read(join(box.project, 'GEMINI.md')), /^# Gemini notes\n\n<!-- ai-memory:begin -->/);
    await box.run(['install-instructions', '--file', 'docs/CLAUDE.md', '--apply']);
    assert.match(read(join(box.project, 'docs/CLAUDE.md')), /memory_query/);
    await box.run(['uninstall', '--all', '--apply']);
    assert.equal(read(join(box.project, 'GEMINI.md')), '# Gemini notes\n');
    assert.throws(() => read(join(box.project, 'AGENTS.md')), /ENOENT/);
  });

  it('names only tools the server offers, the same ones its MCP instructions name', () => {
    const named = (text: string) => new Set(text.match(/memory_[a-z_]+/g));
    const ours = named(INSTRUCTIONS_BODY);
    assert.ok(ours.size >= 10);
    for (const tool of ours) assert.ok(named(INSTRUCTIONS).has(tool), `${tool} is not a server tool`);
  });
});
