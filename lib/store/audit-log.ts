import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Admin actions, append-only: `logs/audit.jsonl`, one JSON object a line. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  details?: Record<string, unknown>;
}

export async function appendAudit(logsDir: string, entry: AuditEntry): Promise<void> {
  await mkdir(logsDir, { recursive: true });
  await appendFile(join(logsDir, 'audit.jsonl'), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}
