import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedEvent, RawRecord } from '../../lib/core/capture/captured-event.js';
import { parseFrontmatter, splitPage } from '../../lib/core/frontmatter.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** What the ai-memory server made of the agents' runs: raw events, session pages, handoffs. */
export const PROJECT = 'default/shop-api';

/** The raw records of one agent session (the file name may be a hash of the session id). */
export function rawRecords(server: TestServer, session: string): RawRecord[] {
  const dir = join(server.dataDir, 'raw', PROJECT);
  if (!existsSync(dir)) return [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    const records = readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RawRecord);
    if (records.some((r) => r.record === 'event' && r.session === session)) return records;
  }
  return [];
}

export const eventsOf = (records: RawRecord[]) => records.filter((r): r is CapturedEvent => r.record === 'event');

export interface ClosedSession {
  page: string;
  pageText: string;
  handoff: string;
}

/** Waits until the server closed the session and wrote its page and handoff. */
export async function closedSession(server: TestServer, session: string): Promise<ClosedSession> {
  const closed = await waitFor(
    () => rawRecords(server, session).find((r) => r.record === 'closed' && r.page && r.handoff),
    `session ${session} to be closed with a page and a handoff`,
    30_000,
  );
  if (closed.record !== 'closed') throw new Error('unreachable');
  const pageText = readFileSync(join(server.wikiDir, PROJECT, closed.page!), 'utf8');
  return { page: closed.page!, pageText, handoff: closed.handoff! };
}

export function handoffState(server: TestServer, id: string): Record<string, unknown> {
  const text = readFileSync(join(server.wikiDir, PROJECT, 'handoffs', `${id}.md`), 'utf8');
  return parseFrontmatter(splitPage(text).yaml).data;
}
