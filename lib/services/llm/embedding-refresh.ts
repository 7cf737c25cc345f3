import type { EmbedReport } from '../../core/maintenance/reports.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Keeps the vector index current after `ai-memory embed` has filled it once: a quiet period
 * after page changes, then one incremental embed (only pages whose hash changed, and vectors
 * of deleted pages dropped). Until the user has run `embed`, nothing is sent anywhere: a
 * configured provider alone never starts embedding the whole wiki on its own.
 */
export function keepVectorsCurrent(
  deps: ServiceDeps,
  embedChanged: () => Promise<EmbedReport>,
  hasVectors: () => Promise<boolean>,
): () => void {
  const delayMs = deps.providers?.embeddings?.refreshDelayMs ?? 0;
  if (!deps.providers?.embeddings || delayMs <= 0) return () => {};
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let changedWhileRunning = false;

  const schedule = () => {
    if (running) {
      changedWhileRunning = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), delayMs);
    timer.unref();
  };

  async function refresh(): Promise<void> {
    running = true;
    try {
      if (!(await hasVectors())) return;
      const report = await embedChanged();
      if (report.embedded > 0 || report.removed > 0) {
        deps.logger.info(`embeddings refreshed: ${report.embedded} embedded, ${report.removed} removed`);
      }
    } catch (error) {
      deps.logger.warn(`embeddings not refreshed (${(error as Error).message}); the next change or ai-memory embed retries`);
    } finally {
      running = false;
      if (changedWhileRunning) {
        changedWhileRunning = false;
        schedule();
      }
    }
  }

  const unsubscribe = deps.index.onChange(schedule);
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
