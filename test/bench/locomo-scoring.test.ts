import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diaIdOf, sessionIdOf, sessionTranscriptPage } from '../../bench/locomo/dataset.js';
import { randomOrderRecall } from '../../bench/locomo/session-level.js';

// The chance row printed beside session-level recall must be the real probability, or the
// comparison it is there for misleads.
test('chance recall is 1 - C(n-r, k) / C(n, k)', () => {
  const choose = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
  for (const [n, r, k] of [[27, 1, 10], [19, 2, 5], [32, 3, 1], [5, 2, 5]] as const) {
    assert.ok(Math.abs(randomOrderRecall(n, r, k) - (1 - choose(n - r, k) / choose(n, k))) < 1e-12, `${n} ${r} ${k}`);
  }
  assert.equal(randomOrderRecall(10, 0, 5), 0);
  // Fewer sessions than k: every session is returned.
  assert.equal(randomOrderRecall(4, 1, 10), 1);
});

test('hits map back to the session and turn ids the evidence names', () => {
  assert.equal(sessionIdOf('sessions/session-12.md'), 'D12');
  assert.equal(sessionIdOf('turns/D12-3.md'), null);
  assert.equal(diaIdOf('turns/D12-3.md'), 'D12:3');
});

test('a session transcript page holds every turn with its speaker and image caption', () => {
  const page = sessionTranscriptPage(
    { id: 'c', speakers: ['Ann', 'Bo'], sessions: [], questions: [] },
    { number: 3, dateTime: '1:56 pm on 8 May, 2023', turns: [{ speaker: 'Ann', dia_id: 'D3:1', text: 'Hi' }, { speaker: 'Bo', dia_id: 'D3:2', text: 'Look', blip_caption: 'a dog' }] },
  );
  assert.equal(page.title, 'Session 3, 8 May 2023');
  assert.match(page.body, /^- Ann: Hi$/m);
  assert.match(page.body, /^- Bo: Look \(shared an image: a dog\)$/m);
});
