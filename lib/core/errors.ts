/**
 * The one error family of ai-memory. Every layer throws `MemoryError`; each edge (HTTP, MCP,
 * CLI) translates the `code` once into its own form (status, JSON-RPC error, exit code).
 * Errors cross the HTTP boundary as `{error, code, data}` and are rebuilt with `fromJSON`.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_PATH'
  | 'INVALID_NAME'
  | 'INVALID_SCOPE'
  | 'INVALID_FRONTMATTER'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'OVERLOADED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_AVAILABLE'
  | 'SERVER_UNREACHABLE'
  | 'GIT_FAILED'
  | 'INTERNAL';

export const ERROR_CODES: readonly ErrorCode[] = [
  'INVALID_INPUT',
  'INVALID_PATH',
  'INVALID_NAME',
  'INVALID_SCOPE',
  'INVALID_FRONTMATTER',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'OVERLOADED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_AVAILABLE',
  'SERVER_UNREACHABLE',
  'GIT_FAILED',
  'INTERNAL',
];

export type ErrorData = Record<string, string | number | boolean | null>;

export interface SerializedError {
  error: string;
  code: ErrorCode;
  data?: ErrorData;
}

export class MemoryError extends Error {
  override readonly name = 'MemoryError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data: ErrorData = {},
  ) {
    super(message);
  }

  toJSON(): SerializedError {
    const out: SerializedError = { error: this.message, code: this.code };
    if (Object.keys(this.data).length > 0) out.data = this.data;
    return out;
  }

  static fromJSON(value: unknown, fallbackMessage = 'unknown error'): MemoryError {
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const message = typeof record.error === 'string' ? record.error : fallbackMessage;
      const code = isErrorCode(record.code) ? record.code : 'INTERNAL';
      const data = isErrorData(record.data) ? record.data : {};
      return new MemoryError(code, message, data);
    }
    return new MemoryError('INTERNAL', fallbackMessage);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  );
}

export function isMemoryError(value: unknown): value is MemoryError {
  return value instanceof MemoryError;
}

/** Shorthands keep call sites readable: `throw invalid('limit must be 1..100')`. */
export const invalid = (message: string, data?: ErrorData) =>
  new MemoryError('INVALID_INPUT', message, data);
export const notFound = (message: string, data?: ErrorData) =>
  new MemoryError('NOT_FOUND', message, data);
