import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { ensurePepper } from '../store/auth-files.js';
import { openWikiStore } from '../store/wiki-store.js';

/**
 * `ai-memory init`: creates a data dir ready for a server, with the wiki repository, the
 * secret token pepper (for per-user tokens) and a commented config.toml. Existing files are
 * kept, so running it twice is harmless.
 */
export const CONFIG_TEMPLATE = `# ai-memory server configuration. Environment variables (AI_MEMORY_*) and
# command-line flags override what is set here.

[server]
# host = "127.0.0.1"      # a non-loopback bind needs an auth token
# port = 49374

[auth]
# token = "..."           # or AI_MEMORY_AUTH_TOKEN; generate one with: ai-memory generate-auth-token
# allowed_hosts = []      # extra Host names accepted (DNS-rebinding guard)

[watcher]
# enabled = true
# external_commit_delay_ms = 1500
# reconcile_interval_sec = 30

[sessions]
# idle_minutes = 30       # close a session that has been quiet this long

[handoff]
# budget_tokens = 1200    # size of the "where you left off" block at session start (4 chars a token)
`;

export interface InitResult {
  data_dir: string;
  created: string[];
  kept: string[];
}

export async function initDataDir(dataDir: string): Promise<InitResult> {
  const created: string[] = [];
  const kept: string[] = [];
  const note = (path: string, existed: boolean) => (existed ? kept : created).push(path);
  const hadWiki = existsSync(`${dataDir}/wiki/.git`);
  const store = await openWikiStore(dataDir);
  note(store.layout.wiki, hadWiki);
  const hadConfig = existsSync(store.layout.configFile);
  if (!hadConfig) await writeFile(store.layout.configFile, CONFIG_TEMPLATE, { flag: 'wx' });
  note(store.layout.configFile, hadConfig);
  const hadPepper = existsSync(`${dataDir}/auth/pepper`);
  await ensurePepper(dataDir);
  note(`${dataDir}/auth/pepper`, hadPepper);
  return { data_dir: dataDir, created, kept };
}
