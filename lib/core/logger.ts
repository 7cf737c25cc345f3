/** Logging is injected; entry points decide where lines go (stderr, a log file, nowhere). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
