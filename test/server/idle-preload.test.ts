import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { silentLogger } from '../../lib/core/logger.js';
import { preloadWhenIdle } from '../../lib/server/idle-preload.js';
import { waitFor } from '../helpers/wait.js';

// Work that no request waits on (committing offline edits, the history catch-up, compiling the
// date parser) must not land among an agent's first hooks: it runs once, after a quiet second.

async function listening(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise((resolve) => server.close(resolve)));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('the idle work waits while requests keep coming, then runs once', async () => {
  const { server, url } = await listening();
  let runs = 0;
  preloadWhenIdle(server, silentLogger, () => false, () => void (runs += 1));
  const busyUntil = Date.now() + 1_400;
  while (Date.now() < busyUntil) {
    await fetch(url).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  assert.equal(runs, 0, 'not while requests arrive every 150 ms');
  await waitFor(() => runs > 0, 'the idle work');
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.equal(runs, 1);
});

test('a server that is stopping never starts the idle work', async () => {
  const { server } = await listening();
  let runs = 0;
  preloadWhenIdle(server, silentLogger, () => true, () => void (runs += 1));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(runs, 0);
});
