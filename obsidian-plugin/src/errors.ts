/** What went wrong talking to the server, in the terms a user can act on. */
export type ServerErrorKind = 'unreachable' | 'unauthorized' | 'not_found' | 'invalid' | 'server';

export class ServerError extends Error {
  constructor(
    readonly kind: ServerErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export function isServerError(error: unknown, kind?: ServerErrorKind): error is ServerError {
  return error instanceof ServerError && (kind === undefined || error.kind === kind);
}

const SETTINGS_HINT = 'Settings → AI Memory';

/** One line for a Notice: what failed and what to do about it. */
export function describeError(error: unknown, action: string): string {
  if (error instanceof ServerError) {
    switch (error.kind) {
      case 'unreachable':
        return `ai-memory: ${action} failed: ${error.message}. Is "ai-memory serve" running? Check the server URL in ${SETTINGS_HINT}.`;
      case 'unauthorized':
        return `ai-memory: ${action} failed: ${error.message}. Set the auth token in ${SETTINGS_HINT}.`;
      default:
        return `ai-memory: ${action} failed: ${error.message}`;
    }
  }
  return `ai-memory: ${action} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Maps an HTTP status (and the server's `{error, code}` body) to an error kind. */
export function kindOfStatus(status: number): ServerErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}
