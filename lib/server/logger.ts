import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';

/** server.log is rotated to server.log.1 past this size: a server that runs for months stays bounded. */
export const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
// The size is checked at start and every this many lines, not on each write.
const CHECK_EVERY = 500;

/**
 * Lines go to stderr (stdout belongs to the stdio MCP transport) and to `<data>/logs/server.log`,
 * so a server started in the background still leaves a trace. One older file is kept.
 */
export function createServerLogger(logsDir: string | null, options: { quiet?: boolean; rotateBytes?: number } = {}): Logger {
  const file = logsDir ? join(logsDir, 'server.log') : null;
  const rotateBytes = options.rotateBytes ?? LOG_ROTATE_BYTES;
  let linesSinceCheck = 0;
  const rotateIfLarge = () => {
    if (!file) return;
    try {
      if (statSync(file).size > rotateBytes) renameSync(file, `${file}.1`);
    } catch {
      // No log yet, or a read-only disk: nothing to rotate.
    }
  };
  rotateIfLarge();
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    const line = `${new Date().toISOString()} ${level} ${message}${extra}\n`;
    if (!options.quiet || level !== 'info') process.stderr.write(line);
    if (!file) return;
    if (++linesSinceCheck >= CHECK_EVERY) {
      linesSinceCheck = 0;
      rotateIfLarge();
    }
    try {
      appendFileSync(file, line);
    } catch {
      // A full or read-only disk must not take the server down with it.
    }
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
