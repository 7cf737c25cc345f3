import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RawRecord } from '../core/capture/captured-event.js';
import { redact } from '../core/capture/redact.js';
import { isSlug, type Scope } from '../core/paths.js';

/**
 * Captured events, append-only: `raw/<workspace>/<project>/<session>.jsonl`. An append resolves
 * only after the line is on disk (fdatasync), so a 2xx answer survives `kill -9` the next
 * instant. Appends that arrive together share one write and one sync per file (group commit),
 * which keeps the latency flat under load.
 */
export interface RawSessionFile {
  scope: Scope;
  /** The file name without `.jsonl`: the session id, or a hash of it when it is not file-safe. */
  fileId: string;
  size: number;
  mtimeMs: number;
}

interface PendingAppend {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * A file-safe name for an agent's session id; ids like `../../x`, and ids that hold a secret
 * (a file name is listed, synced and committed), become a stable hash.
 */
export function sessionFileId(sessionId: string): string {
  const safe = SAFE_ID.test(sessionId) && !sessionId.includes('..') && redact(sessionId) === sessionId;
  return safe ? sessionId : `h-${createHash('sha256').update(sessionId).digest('hex').slice(0, 32)}`;
}

/**
 * The session id as pages and events may show it: unchanged, or its file id when it holds a
 * secret (a stable stand-in, so two such sessions stay two sessions).
 */
export function shownSessionId(sessionId: string): string {
  return redact(sessionId) === sessionId ? sessionId : sessionFileId(sessionId);
}

export class RawLog {
  private readonly queues = new Map<string, PendingAppend[]>();
  private readonly flushing = new Set<string>();
  private readonly checkedTail = new Set<string>();
  /** Folders this process has made or found; a removed one is made again on the next append. */
  private readonly knownDirs = new Set<string>();
  private inFlight = 0;

  constructor(readonly dir: string) {}

  /** Appends waiting for their sync; the server answers 429 above a limit. */
  get pending(): number {
    return this.inFlight;
  }

  pathOf(scope: Scope, fileId: string): string {
    return join(this.dir, scope.workspace, scope.project, `${fileId}.jsonl`);
  }

  append(scope: Scope, fileId: string, record: RawRecord): Promise<void> {
    const path = this.pathOf(scope, fileId);
    const line = `${JSON.stringify(record)}\n`;
    this.inFlight += 1;
    return new Promise<void>((resolve, reject) => {
      let queue = this.queues.get(path);
      if (!queue) this.queues.set(path, (queue = []));
      queue.push({ line, resolve, reject });
      if (!this.flushing.has(path)) void this.flush(path);
    }).finally(() => {
      this.inFlight -= 1;
    });
  }

  /** Every record of a session, in order. A torn last line (a crash mid-write) is skipped. */
  async read(scope: Scope, fileId: string): Promise<RawRecord[]> {
    let text: string;
    try {
      text = await readFile(this.pathOf(scope, fileId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseLines(text.split('\n'));
  }

  /** The last records of a session, reading at most `bytes` from the end of its file. */
  async tail(scope: Scope, fileId: string, bytes: number): Promise<RawRecord[]> {
    let handle;
    try {
      handle = await open(this.pathOf(scope, fileId), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - bytes);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      if (start > 0) lines.shift(); // began mid-line
      return parseLines(lines);
    } finally {
      await handle.close();
    }
  }

  /** Every session file, with the scope taken from its folders. */
  async list(): Promise<RawSessionFile[]> {
    const out: RawSessionFile[] = [];
    for (const workspace of await dirs(this.dir)) {
      if (!isSlug(workspace, 'workspace')) continue;
      for (const project of await dirs(join(this.dir, workspace))) {
        if (!isSlug(project, 'project')) continue;
        const folder = join(this.dir, workspace, project);
        for (const name of await readdir(folder).catch(() => [] as string[])) {
          if (!name.endsWith('.jsonl')) continue;
          const info = await stat(join(folder, name)).catch(() => null);
          if (info?.isFile()) {
            out.push({ scope: { workspace, project } as Scope, fileId: name.slice(0, -'.jsonl'.length), size: info.size, mtimeMs: info.mtimeMs });
          }
        }
      }
    }
    return out;
  }

  private async flush(path: string): Promise<void> {
    this.flushing.add(path);
    try {
      for (;;) {
        const batch = this.queues.get(path) ?? [];
        this.queues.delete(path);
        if (batch.length === 0) break;
        try {
          await this.writeBatch(path, batch.map((p) => p.line).join(''));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error as Error);
        }
      }
    } finally {
      this.flushing.delete(path);
    }
  }

  /**
   * A recursive mkdir before every append was a third of the append's cost on the event loop
   * at 500 events/s; the folder is made once, and again only if it was removed since (a project
   * deleted or renamed while its agent kept working).
   */
  private async openForAppend(path: string) {
    const dir = dirname(path);
    if (!this.knownDirs.has(dir)) await this.makeDir(dir);
    try {
      return await open(path, 'a+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await this.makeDir(dir);
      return await open(path, 'a+');
    }
  }

  /** A folder that is known but gone again is caught by the ENOENT of the next open. */
  private async makeDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    this.knownDirs.add(dir);
  }

  private async writeBatch(path: string, text: string): Promise<void> {
    const handle = await this.openForAppend(path);
    try {
      // After a crash the file may end in a torn line; start on a fresh line so the next
      // record is not glued to it (checked once per file per process).
      if (!this.checkedTail.has(path)) {
        this.checkedTail.add(path);
        const { size } = await handle.stat();
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) text = `\n${text}`;
        }
      }
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

function parseLines(lines: string[]): RawRecord[] {
  const records: RawRecord[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as RawRecord);
    } catch {
      // A line cut short by a crash: everything acknowledged was written whole before it.
    }
  }
  return records;
}

async function dirs(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}
