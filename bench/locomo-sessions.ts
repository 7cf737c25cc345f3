import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { loadLocomo, locomoPath } from './locomo/dataset.js';
import { sessionLevelRecall } from './locomo/session-level.js';
import { ROOT } from './report.js';

/**
 * LoCoMo at session level only (one transcript page per session), in a minute instead of the
 * full run's ten: for trying a ranking change on long pages. `npm run bench:locomo` reports it.
 */
async function main(): Promise<void> {
  const conversations = loadLocomo(locomoPath(ROOT, process.env));
  const dataDir = await mkdtemp(join(tmpdir(), 'aim-locomo-sessions-'));
  const server = await startServer({ ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0, persistDelayMs: 1000 }, { logger: silentLogger, version: 'bench' });
  try {
    const result = await sessionLevelRecall(server, conversations);
    process.stdout.write(`${JSON.stringify({ ...result.overall, by_category: result.by_category.map((c) => [c.label, c.recall]) }, null, 1)}\n`);
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
