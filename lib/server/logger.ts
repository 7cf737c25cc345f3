import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';

/**
 * Lines go to stderr (stdout belongs to the stdio MCP transport) and to `<data>/logs/server.log`,
 * so a server started in the background still leaves a trace.
 */
export function createServerLogger(logsDir: string | null, options: { quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    const line = `${new Date().toISOString()} ${level} ${message}${extra}\n`;
    if (!options.quiet || level !== 'info') process.stderr.write(line);
    if (logsDir) {
      try {
        appendFileSync(join(logsDir, 'server.log'), line);
      } catch {
        // A full or read-only disk must not take the server down with it.
      }
    }
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
