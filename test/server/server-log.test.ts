import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServerLogger } from '../../lib/server/logger.js';
import { tempDir } from '../helpers/temp.js';

// A server runs for months: its log must not grow without end, and the latest lines must stay.
test('server.log rolls over to server.log.1 past its size limit, at start and while running', async () => {
  const logs = await tempDir('aim-logs-');
  const file = join(logs, 'server.log');
  writeFileSync(file, 'x'.repeat(2000));
  const logger = createServerLogger(logs, { quiet: true, rotateBytes: 1000 });
  assert.equal(readFileSync(`${file}.1`, 'utf8'), 'x'.repeat(2000), 'the big log moved aside at start');
  for (let i = 0; i < 600; i++) logger.info(`line ${i} of the running server`);
  assert.ok(statSync(file).size < 40_000);
  assert.match(readFileSync(`${file}.1`, 'utf8'), /line \d+ of the running server/, 'rotated again while running');
  assert.match(readFileSync(file, 'utf8'), /line 599 of the running server\n$/);
});
