import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveProject, type ResolvedProject } from '../../lib/client/resolve-project.js';
import { SCOPE_RULES, scopeRulesTable } from '../../lib/core/scope-rules.js';
import { resolveEventScope } from '../../lib/services/capture/event-scope.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The scope table is the rules' one statement: the docs print it, and each resolver reaches every
 * step its row lists (the MCP row's steps are reached over a real server in test/mcp/).
 */
describe('scope rules table', () => {
  it('is what docs/architecture.md shows', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    assert.ok(doc.includes(scopeRulesTable()), 'docs/architecture.md must contain scopeRulesTable() verbatim: paste its output there');
  });

  it('hooks: a known session aside, every step of the hook row is reached, in its order', () => {
    const cases = [
      { hints: { workspace: 'Acme', project: 'Billing API' }, cwd: '/home/dev/src/other', want: { workspace: 'acme', project: 'billing-api', by: 'explicit' } },
      { hints: {}, cwd: '/home/dev/src/Shop', want: { workspace: 'default', project: 'shop', by: 'cwd' } },
      { hints: {}, cwd: null, want: { workspace: 'default', project: 'scratch', by: 'default' } },
      // Capture never writes the cross-project pages, and never refuses an event for its name.
      { hints: { project: '_global' }, cwd: '/home/dev/src/Shop', want: { workspace: 'default', project: 'scratch', by: 'default' } },
      { hints: { project: 'sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz' }, cwd: '/home/dev/src/Shop', want: { workspace: 'default', project: 'shop', by: 'cwd' } },
    ];
    for (const { hints, cwd, want } of cases) {
      const { scope, resolvedBy } = resolveEventScope(hints, cwd);
      assert.deepEqual({ workspace: scope.workspace, project: scope.project, by: resolvedBy }, want, JSON.stringify(hints));
    }
    const reached = new Set(cases.map((c) => c.want.by));
    assert.deepEqual(
      SCOPE_RULES.hook.resolvedBy.filter((step) => step !== 'session'),
      ['explicit', 'cwd', 'default'].filter((step) => reached.has(step)),
    );
  });

  it('CLI: flags aside, every step of the cli row is reached, in its order', async () => {
    const home = await tempDir('aim-scope-home-');
    const marked = join(home, 'src', 'app');
    mkdirSync(join(marked, 'deep'), { recursive: true });
    writeFileSync(join(home, 'src', '.ai-memory.toml'), 'workspace = "Acme"\nproject = "billing"\n');
    const repo = join(home, 'code', 'shop');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'web', 'src'), { recursive: true });
    const plain = join(home, 'notes');
    mkdirSync(plain);

    const seen: Array<[ResolvedProject['source'], string, string]> = [
      resolveProject(join(marked, 'deep'), { homeDir: home }),
      resolveProject(join(repo, 'web', 'src'), { homeDir: home, strategy: 'repo-root' }),
      resolveProject(plain, { homeDir: home }),
      resolveProject(undefined, { homeDir: home }),
    ].map((r) => [r.source, r.workspace, r.project]);
    assert.deepEqual(seen, [
      ['marker', 'Acme', 'billing'],
      ['repo-root', 'default', 'shop'],
      ['cwd', 'default', 'notes'],
      ['default', 'default', 'scratch'],
    ]);
    assert.deepEqual(
      SCOPE_RULES.cli.resolvedBy.filter((step) => step !== 'explicit'),
      seen.map(([source]) => source),
    );
  });
});
