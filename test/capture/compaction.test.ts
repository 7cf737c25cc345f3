import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CapturedEvent } from '../../lib/core/capture/captured-event.js';
import { announcesCompaction } from '../../lib/core/capture/events.js';
import { normalizePayload } from '../../lib/core/capture/normalize.js';
import { digestSession } from '../../lib/core/capture/session-digest.js';
import { renderSessionBody } from '../../lib/core/capture/session-page.js';
import { foldTimeline } from '../../lib/core/capture/timeline.js';

/**
 * Gemini CLI 0.61 fires PreCompress (trigger "auto") before every turn, before it checks the
 * history against its threshold: a 3-call session sent five. Those are not compactions; the
 * user's /compress ("manual") and other agents' pre-compact hooks are.
 */
const GEMINI = join(import.meta.dirname, '../fixtures/hooks/gemini-cli/0.61.0');
const SHARED = join(import.meta.dirname, '../../../shared/fixtures/hooks');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const geminiChecks = readdirSync(GEMINI).filter((f) => f.startsWith('PreCompress'));

function event(payload: Record<string, unknown>, at: string): CapturedEvent {
  const n = normalizePayload(payload);
  return { record: 'event', v: 1, id: at, at, agent: 'gemini-cli', kind: n.kind, native: n.native, session: 's', ...(n.source ? { source: n.source } : {}) };
}

describe('which pre-compact hooks mean a compaction', () => {
  it('the PreCompress payloads recorded from a real Gemini CLI session are checks, not compactions', () => {
    assert.ok(geminiChecks.length >= 5);
    for (const file of geminiChecks) {
      const n = normalizePayload(read(join(GEMINI, file)));
      assert.equal(n.kind, 'pre-compact');
      assert.equal(announcesCompaction(n), false, file);
    }
  });

  it("Gemini CLI's /compress (trigger manual) is a compaction", () => {
    const manual = { ...read(join(GEMINI, 'PreCompress.json')), trigger: 'manual' };
    assert.equal(announcesCompaction(normalizePayload(manual)), true);
  });

  it("Claude Code's and Codex's PreCompact are compactions, automatic ones included", () => {
    for (const agent of ['claude-code', 'codex']) {
      const n = normalizePayload(read(join(SHARED, agent, 'PreCompact.json')));
      assert.equal(announcesCompaction(n), true, agent);
      assert.equal(announcesCompaction({ ...n, source: 'auto' }), true, `${agent} auto`);
    }
  });

  it('the timeline of a Gemini session shows no compaction for its per-turn checks, and shows a /compress', () => {
    const checks = geminiChecks.map((file, i) => event(read(join(GEMINI, file)), `2026-01-01T00:00:0${i}Z`));
    assert.deepEqual(foldTimeline(checks), []);
    const manual = event({ ...read(join(GEMINI, 'PreCompress.json')), trigger: 'manual' }, '2026-01-01T00:01:00Z');
    assert.deepEqual(
      foldTimeline([...checks, manual]),
      [{ type: 'marker', at: '2026-01-01T00:01:00Z', kind: 'pre-compact', detail: 'manual' }],
    );
  });

  it("the session page's timeline lists a /compress, not the per-turn checks", () => {
    const checks = geminiChecks.map((file, i) => event(read(join(GEMINI, file)), `2026-01-01T00:00:0${i}Z`));
    const manual = event({ ...read(join(GEMINI, 'PreCompress.json')), trigger: 'manual' }, '2026-01-01T00:01:00Z');
    const page = renderSessionBody(digestSession([...checks, manual]), [...checks, manual]);
    assert.equal(page.match(/`pre-compact`/g)?.length, 1, page);
  });
});
