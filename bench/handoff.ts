import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionCalls } from './handoff/payloads.js';
import type { Category, Scenario } from './handoff/scenario.js';
import { scoreBlock, type BlockScore } from './handoff/score.js';
import { HELD_OUT } from './handoff/scenarios-held-out.js';
import { TUNING } from './handoff/scenarios-tuning.js';
import { log, machine, saveResults, updateDocBlock } from './report.js';
import { startServerProcess } from './server-process.js';
import { median, round } from './stats.js';

/**
 * `npm run bench:handoff`: scripted sessions through the real capture path — each agent's hook
 * payloads posted to a real `ai-memory serve`, the session closed as that agent closes it, then
 * the next session's SessionStart block fetched the way the hook fetches it — scored for fact
 * recall, false carry-overs and size. The set is split: the digest was tuned on the first half
 * only; the held-out half is reported apart. `--verbose` prints every miss.
 */
const verbose = process.argv.includes('--verbose');
/** `--tuning-only` runs the tuning half alone, for adjusting rules without seeing the held-out half. */
const tuningOnly = process.argv.includes('--tuning-only');
const dir = await mkdtemp(join(tmpdir(), 'aim-bench-handoff-'));
const server = await startServerProcess(dir, ['--no-watch']);
try {
  const tuning = await runSet(TUNING);
  if (tuningOnly) process.stdout.write(`${JSON.stringify(summary(tuning), null, 2)}\n`);
  else await report(tuning, await runSet(HELD_OUT));
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

async function report(tuning: Array<BlockScore & { category: Category; agent: string }>, heldOut: Array<BlockScore & { category: Category; agent: string }>): Promise<void> {
  const results = { date: new Date().toISOString(), machine: machine(), tuning: summary(tuning), held_out: summary(heldOut), scores: { tuning, held_out: heldOut } };
  await saveResults('handoff', results);
  await updateDocBlock('handoff', table(results.date, [...TUNING, ...HELD_OUT], tuning, heldOut));
  process.stdout.write(`${JSON.stringify({ tuning: results.tuning, held_out: results.held_out }, null, 2)}\n`);
}

async function runSet(scenarios: Scenario[]): Promise<Array<BlockScore & { category: Category; agent: string }>> {
  const out: Array<BlockScore & { category: Category; agent: string }> = [];
  for (const scenario of scenarios) {
    const block = await runScenario(scenario);
    const score = scoreBlock(scenario, block);
    out.push({ ...score, category: scenario.category, agent: scenario.agent });
    if (verbose && (score.missing.length > 0 || score.carriedOver.length > 0)) log(`${scenario.id}: missing ${JSON.stringify(score.missing)} carried ${JSON.stringify(score.carriedOver)}\n${block}\n`);
  }
  return out;
}

async function runScenario(scenario: Scenario): Promise<string> {
  const project = scenario.id;
  const cwd = `/home/dev/src/${project}`;
  const hint = { workspace: 'bench', project, cwd };
  for (const call of sessionCalls(scenario.agent, `${project}-s1`, cwd, scenario.steps, { injected: '> 📥 **ai-memory: pending handoff** (old)\n> earlier context' })) {
    const params = new URLSearchParams({ agent: scenario.agent, event: call.event, ...hint });
    const response = await fetch(`${server.url}/hook?${params}`, { method: 'POST', body: JSON.stringify(call.body), headers: { 'content-type': 'application/json' } });
    if (response.status !== 202) throw new Error(`${scenario.id} ${call.event}: ${response.status} ${await response.text()}`);
  }
  // The next session starts there: its SessionStart hook asks for the pending handoff (this
  // also closes a Codex session, which has no end event). Waiting covers a close still queued.
  const params = new URLSearchParams({ agent: 'claude-code', ...hint, session_id: `${project}-s2` });
  for (let attempt = 0; attempt < 200; attempt++) {
    const block = await (await fetch(`${server.url}/handoff?${params}`)).text();
    if (block.trim() !== '') return block;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${scenario.id}: no handoff was delivered`);
}

interface SetSummary {
  sessions: number;
  recall: number;
  false_carry_over: number;
  median_tokens: number;
  max_tokens: number;
}

function summary(scores: BlockScore[]): SetSummary {
  const facts = scores.reduce((n, s) => n + s.facts, 0);
  const found = scores.reduce((n, s) => n + s.found, 0);
  const stale = scores.reduce((n, s) => n + s.stale, 0);
  const carried = scores.reduce((n, s) => n + s.carriedOver.length, 0);
  const tokens = scores.map((s) => s.tokens);
  return { sessions: scores.length, recall: round(found / Math.max(1, facts), 3), false_carry_over: round(carried / Math.max(1, stale), 3), median_tokens: median(tokens), max_tokens: Math.max(...tokens) };
}

function table(date: string, all: Scenario[], tuning: Array<BlockScore & { category: Category }>, heldOut: Array<BlockScore & { category: Category }>): string {
  const m = machine();
  const row = (name: string, scores: BlockScore[]) => {
    const s = summary(scores);
    const stale = scores.reduce((n, x) => n + x.stale, 0);
    return `| ${name} | ${s.sessions} | ${s.recall} | ${stale === 0 ? 'n/a' : `${round(s.false_carry_over * 100, 1)}%`} | ${s.median_tokens} | ${s.max_tokens} |`;
  };
  const categories = [...new Set(all.map((s) => s.category))];
  const both = [...tuning, ...heldOut];
  const agents = [...new Set(all.map((s) => s.agent))].map((a) => `${a} ${all.filter((s) => s.agent === a).length}`).join(', ');
  return [
    `Measured ${date.slice(0, 10)}, ${m.cpus} cores (${m.cpu.split(' ')[0]}), Node ${m.node}; ${all.length} scripted sessions (${agents}) posted as each agent's hook payloads to the real server, closed as that agent closes them, then the next session's SessionStart block fetched. Token counts are characters / 4, the whole block with its header and footer. Targets: recall >= 0.90, false carry-overs <= 5%, median <= 600 tokens.`,
    '',
    '| set | sessions | fact recall | false carry-overs | median tokens | max tokens |',
    '|---|---|---|---|---|---|',
    row('tuning half (the digest was tuned on these)', tuning),
    row('held-out half (never tuned on)', heldOut),
    row('all', both),
    '',
    '| category (both halves) | sessions | fact recall | false carry-overs | median tokens | max tokens |',
    '|---|---|---|---|---|---|',
    ...categories.map((c) => row(c, both.filter((s) => s.category === c))),
  ].join('\n');
}
