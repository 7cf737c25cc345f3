import { serverConfigDefaults } from '../lib/config/config.js';
import { silentLogger } from '../lib/core/logger.js';
import { startServer } from '../lib/server/main.js';
import { percentile, round } from './stats.js';

/**
 * /web render times on the generated wiki: the real server in this process, pages fetched over
 * loopback (so each figure includes HTTP, an upper bound of server-side rendering).
 */
export interface WebResults {
  web_pages: number;
  web_page_p50_ms: number;
  web_page_p95_ms: number;
  /** The same pages viewed a second time (rendered markdown and history line counts kept). */
  web_page_repeat_p50_ms: number;
  web_page_repeat_p95_ms: number;
  web_project_p50_ms: number;
  web_project_pages: number;
  web_home_p50_ms: number;
  web_search_p50_ms: number;
  web_history_p50_ms: number;
}

export async function runWebBench(dataDir: string, log: (message: string) => void): Promise<WebResults> {
  const config = { ...serverConfigDefaults(dataDir), port: 0, watch: false, reconcileIntervalSec: 0 };
  // A first start builds and persists the index and the history; the measured server starts
  // warm, as a server does day to day, without a cold rebuild running beside the requests.
  log('web: first start (cold index, history), then a warm start');
  const first = await startServer(config, { logger: silentLogger, version: 'bench' });
  await first.index.history.update();
  await first.close();
  const running = await startServer(config, { logger: silentLogger, version: 'bench' });
  try {
    const url = running.url;
    const time = async (path: string): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${url}${path}`);
      await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      return performance.now() - started;
    };
    const sample = async (paths: string[], warmup = 5): Promise<number[]> => {
      for (const path of paths.slice(0, warmup)) await time(path);
      const times: number[] = [];
      for (const path of paths) times.push(await time(path));
      return times;
    };
    const projects = running.services.projects.listProjects().sort((a, b) => b.page_count - a.page_count);
    const biggest = projects[0]!;
    const all = projects.flatMap((p) => running.services.pages.listPages(p));
    const step = Math.max(1, Math.floor(all.length / 200));
    const picked = all.filter((_, i) => i % step === 0).slice(0, 200);
    const pageUrl = (p: { workspace: string; project: string; path: string }, kind = 'p') => `/web/w/${p.workspace}/${p.project}/${kind}/${p.path}`;
    log(`web: ${picked.length} page renders over ${all.length} pages`);
    const pages = await sample(picked.map((p) => pageUrl(p)));
    const again = await sample(picked.map((p) => pageUrl(p)), 0);
    const project = await sample(Array.from({ length: 20 }, () => `/web/w/${biggest.workspace}/${biggest.project}`), 3);
    const home = await sample(Array.from({ length: 20 }, () => '/web/'), 3);
    const words = ['postgres cache', 'migration schema', 'deploy timeout', 'session handoff', 'index query'];
    const search = await sample(Array.from({ length: 20 }, (_, i) => `/web/search?q=${encodeURIComponent(words[i % words.length]!)}`), 3);
    const history = await sample(picked.slice(0, 40).map((p) => pageUrl(p, 'history')), 3);
    return {
      web_pages: all.length,
      web_page_p50_ms: round(percentile(pages, 50), 1),
      web_page_p95_ms: round(percentile(pages, 95), 1),
      web_page_repeat_p50_ms: round(percentile(again, 50), 1),
      web_page_repeat_p95_ms: round(percentile(again, 95), 1),
      web_project_p50_ms: round(percentile(project, 50), 1),
      web_project_pages: biggest.page_count,
      web_home_p50_ms: round(percentile(home, 50), 1),
      web_search_p50_ms: round(percentile(search, 50), 1),
      web_history_p50_ms: round(percentile(history, 50), 1),
    };
  } finally {
    await running.close();
  }
}
