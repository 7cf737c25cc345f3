import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { writeCorpus } from './corpus.js';
import { round, timed } from './stats.js';

/**
 * `npx tsx bench/maintenance.ts [pages]`: forget-sweep and lint (dry runs, then a real lint
 * writing `_lint/` pages) over a generated wiki, in process. Not part of `npm run bench` yet.
 */
const pages = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'aim-bench-maint-'));
try {
  const wiki = join(dir, 'wiki');
  await writeCorpus(wiki, { pages });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: wiki });
  execFileSync('git', ['add', '-A'], { cwd: wiki });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'corpus'], { cwd: wiki });
  const running = await startServer({ ...serverConfigDefaults(dir), port: 0, watch: false }, { logger: silentLogger, version: 'bench' });
  const { maintenance } = running.services;
  await running.index.history.update();
  const sweep = await timed(() => maintenance.forget.sweep({ dry_run: true }));
  const lintDry = await timed(() => maintenance.lint.lint({ dry_run: true }));
  const lint = await timed(() => maintenance.lint.lint({}));
  process.stdout.write(
    `${JSON.stringify({
      pages,
      sweep_dry_ms: round(sweep.ms),
      sweep_would_forget: sweep.value.evicted.length + sweep.value.deleted.length,
      lint_dry_ms: round(lintDry.ms),
      lint_findings: lintDry.value.findings.length,
      lint_write_ms: round(lint.ms),
      lint_pages_written: lint.value.pages.length,
    })}\n`,
  );
  await running.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
