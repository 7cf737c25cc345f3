import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import express from 'express';
import { MemoryError } from '../../lib/core/errors.js';
import type { Logger } from '../../lib/core/logger.js';
import { errorHandler } from '../../lib/server/http/errors.js';

describe('server log for failed requests', () => {
  it('has one warning line for what the operator must fix, a stack for the unexpected, nothing for bad input', async () => {
    const lines: Array<{ level: string; message: string }> = [];
    const record = (level: string) => (message: string) => void lines.push({ level, message });
    const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
    const app = express();
    app.get('/no-provider', () => {
      throw new MemoryError('NOT_AVAILABLE', 'no LLM provider is configured (set AI_MEMORY_LLM_PROVIDER)');
    });
    app.get('/remote-down', () => {
      throw new MemoryError('SERVER_UNREACHABLE', 'could not fetch from https://example.invalid/wiki.git');
    });
    app.get('/bug', () => {
      throw new TypeError('cannot read properties of undefined');
    });
    app.get('/bad', () => {
      throw new MemoryError('INVALID_INPUT', 'q is required');
    });
    app.use(errorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses = [];
      for (const path of ['/no-provider', '/remote-down', '/bug', '/bad']) statuses.push((await fetch(base + path)).status);
      assert.deepEqual(statuses, [501, 502, 500, 400]);
    } finally {
      server.close();
    }
    assert.deepEqual(lines.map((l) => l.level), ['warn', 'warn', 'error']);
    assert.equal(lines[0]!.message, 'GET /no-provider: no LLM provider is configured (set AI_MEMORY_LLM_PROVIDER)');
    assert.ok(!lines[1]!.message.includes('\n    at '), 'no stack for an unreachable remote');
    assert.match(lines[2]!.message, /TypeError: cannot read properties of undefined\n\s+at /);
  });
});
