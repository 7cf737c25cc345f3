import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MemoryError, type ErrorCode } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';

/** The one place a MemoryError code becomes an HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_PATH: 400,
  INVALID_NAME: 400,
  INVALID_SCOPE: 400,
  INVALID_FRONTMATTER: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  OVERLOADED: 429,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_AVAILABLE: 501,
  SERVER_UNREACHABLE: 502,
  GIT_FAILED: 500,
  INTERNAL: 500,
};

/** Turns anything thrown into `{error, code}` JSON with the right status; never a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const memoryError = toMemoryError(error);
    const status = HTTP_STATUS[memoryError.code];
    // A missing provider or an unreachable remote is the operator's to fix, not a bug: one
    // warning line. Anything else at 5xx is unexpected and gets its stack.
    if (memoryError.code === 'NOT_AVAILABLE' || memoryError.code === 'SERVER_UNREACHABLE') {
      logger.warn(`${req.method} ${req.path}: ${memoryError.message}`);
    } else if (status >= 500) {
      logger.error(`${req.method} ${req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const body = status === 500 && memoryError.code === 'INTERNAL' ? { error: 'internal error', code: 'INTERNAL' } : memoryError.toJSON();
    if (status === 429) res.set('retry-after', String(memoryError.data.retry_after ?? 1));
    res.status(status).json(body);
  };
}

/** Errors raised by express itself (body parser, a param that is not valid percent-encoding) carry a `type` and a `status`. */
export function toMemoryError(error: unknown): MemoryError {
  if (error instanceof MemoryError) return error;
  const typed = error as { type?: string; status?: number; message?: string; limit?: number };
  if (typed?.type === 'entity.parse.failed') return new MemoryError('INVALID_INPUT', 'request body is not valid JSON');
  if (typed?.type === 'entity.too.large') {
    return new MemoryError('PAYLOAD_TOO_LARGE', `request body is larger than the ${typed.limit ?? 'allowed'} byte limit`);
  }
  if (typed?.type === 'encoding.unsupported' || typed?.type === 'charset.unsupported') {
    return new MemoryError('INVALID_INPUT', typed.message ?? 'unsupported request encoding');
  }
  if (typeof typed?.status === 'number' && typed.status >= 400 && typed.status < 500) {
    return new MemoryError('INVALID_INPUT', typed.message ?? 'bad request');
  }
  return new MemoryError('INTERNAL', 'internal error');
}

export const notFoundRoute: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route ${req.method} ${req.path}`, code: 'NOT_FOUND' });
};
