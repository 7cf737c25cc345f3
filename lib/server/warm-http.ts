import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { WARM_UP_SAMPLES } from '../core/capture/warm-up.js';
import type { Logger } from '../core/logger.js';
import { REHEARSAL_HEADER } from './http/hooks.js';

/**
 * The first `POST /hook` answers of a fresh server took 20-60 ms where the rest take 1-5 ms: the
 * first JSON body loads iconv-lite inside body-parser, and Express's routing, our middleware, the
 * hook route and the append path ran cold. Before announcing itself the server sends itself one
 * hook of each sample shape over loopback, marked as a rehearsal: they go through the socket, the
 * parser, every middleware, normalization and redaction, but are never appended nor seen by a
 * session (ingest `rehearse`); the append path is run on a throwaway log in the OS temp folder.
 * Nothing of them reaches the raw log, the wiki or git. One round is enough: normalization and
 * redaction had their second run in `warmCapturePath`, and each extra round costs start time.
 */
/** A warm-up that takes longer than this is given up: the server starts anyway, just colder. */
export const REHEARSAL_DEADLINE_MS = 2_000;

export function newRehearsalKey(): string {
  return randomBytes(16).toString('hex');
}

export interface Rehearsal {
  /** The server's own loopback URL (server-file `localUrl`). */
  url: string;
  key: string;
  authToken?: string | undefined;
  deadlineMs?: number | undefined;
  /** Run beside the rehearsals: warm-up from layers an adapter does not reach (main.ts: the append path). */
  alongside?: (() => Promise<void>) | undefined;
}

/** Never throws: a failed rehearsal is a warning, and the server starts as it would have without it. */
export async function rehearseCapture(rehearsal: Rehearsal, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    // The append warm-up mostly waits on fdatasync while the rehearsals mostly compute: together.
    // Both are waited for, so a failed rehearsal cannot leave the throwaway log behind at exit.
    const [sent, alongside] = await Promise.allSettled([sendRehearsals(rehearsal), rehearsal.alongside?.()]);
    if (sent.status === 'rejected') throw sent.reason as Error;
    if (alongside.status === 'rejected') throw alongside.reason as Error;
    logger.info(`capture path warmed up: ${sent.value} rehearsed hooks in ${Math.round(performance.now() - started)} ms, nothing stored`);
  } catch (error) {
    logger.warn(`capture warm-up skipped (${(error as Error).message}); the first hooks may be slower`);
  }
}

async function sendRehearsals({ url, key, authToken, deadlineMs = REHEARSAL_DEADLINE_MS }: Rehearsal): Promise<number> {
  const deadline = performance.now() + deadlineMs;
  const headers: Record<string, string> = { 'content-type': 'application/json', [REHEARSAL_HEADER]: key };
  if (authToken) headers.authorization = `Bearer ${authToken}`;
  let sent = 0;
  for (const sample of WARM_UP_SAMPLES) {
    const event = (sample as { hook_event_name: string }).hook_event_name;
    await post(`${url}/hook?agent=claude-code&event=${event}`, JSON.stringify(sample), headers, deadline - performance.now(), deadlineMs);
    sent += 1;
  }
  return sent;
}

function post(url: string, body: string, headers: Record<string, string>, leftMs: number, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (leftMs <= 0) return reject(new Error(`not done within ${deadlineMs} ms`));
    // Like a hook: a fresh connection each time, so connection set-up is warmed too.
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      res.resume();
      res.once('end', () => {
        clearTimeout(timer);
        if (res.statusCode === 202) resolve();
        else reject(new Error(`the server answered ${res.statusCode} to a rehearsed hook`));
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`not done within ${deadlineMs} ms`)), leftMs);
    req.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}
