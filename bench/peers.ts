import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { prepareFtsQuery } from '../lib/core/search-query.js';
import { diaIdOf, loadLocomo, locomoPath, sessionDate, turnPage, turnPath, type LocomoConversation } from './locomo/dataset.js';
import { callJson, stdioClient } from './locomo/mcp-stdio.js';
import { loadOurSessions, loadPeerSessions, sessionIdOfName, timedSessionQuestion } from './locomo/peers-sessions.js';
import { firstEvidenceRank, recallTable, summarize, type QuestionResult } from './locomo/score.js';
import { argValue, log, machine, ROOT, saveResults, updateDocBlock } from './report.js';
import { round } from './stats.js';

/**
 * `npm run bench:peers`: the same LoCoMo conversations and questions through
 * @modelcontextprotocol/server-memory (installed into a temp folder) and through ai-memory, both
 * loaded through their own MCP tools and queried over MCP stdio with the official SDK client,
 * in the same run. The peer's search_nodes matches the query as one substring, so it is also
 * run the way an agent might fall back: one call per query word, entities ranked by the number
 * of words they contain.
 *
 *   npm run bench:peers                      # all 10 conversations
 *   npm run bench:peers -- --conversations 2 # a quicker subset
 */
const args = process.argv.slice(2);
const COUNT = Number(argValue(args, '--conversations') ?? 10);
const PEER = '@modelcontextprotocol/server-memory';

type Entity = { name: string };

async function main(): Promise<void> {
  const conversations = loadLocomo(locomoPath(ROOT, process.env)).slice(0, COUNT);
  const work = await mkdtemp(join(tmpdir(), 'aim-peers-'));
  try {
    log(`installing ${PEER} into ${work}/peer`);
    const install = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(work, 'peer'), PEER], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm install ${PEER} failed:\n${install.stderr}`);
    const peerDir = join(work, 'peer/node_modules', PEER);
    const peerVersion = (JSON.parse(readFileSync(join(peerDir, 'package.json'), 'utf8')) as { version: string }).version;

    const peer = { substring: [] as QuestionResult[], words: [] as QuestionResult[], loadMs: 0 };
    for (const conversation of conversations) {
      const client = await stdioClient(process.execPath, [join(peerDir, 'dist/index.js')], { MEMORY_FILE_PATH: join(work, `peer-${conversation.id}.jsonl`) });
      try {
        const t0 = performance.now();
        await loadPeer(client, conversation);
        peer.loadMs += performance.now() - t0;
        log(`peer: loaded ${conversation.id}`);
        for (const question of conversation.questions) {
          peer.substring.push(await timedQuestion(question, () => peerSearch(client, question.question)));
          peer.words.push(await timedQuestion(question, () => peerWordSearch(client, question.question)));
        }
      } finally {
        await client.close();
      }
    }

    const peerSessions = { words: [] as QuestionResult[] };
    for (const conversation of conversations) {
      const client = await stdioClient(process.execPath, [join(peerDir, 'dist/index.js')], { MEMORY_FILE_PATH: join(work, `peer-sessions-${conversation.id}.jsonl`) });
      try {
        await loadPeerSessions(client, conversation);
        for (const question of conversation.questions) {
          peerSessions.words.push(await timedSessionQuestion(question, async () => peerWordSearch(client, question.question, sessionIdOfName)));
        }
      } finally {
        await client.close();
      }
    }
    log('peer: session level done');

    const dataDir = join(work, 'ai-memory');
    await mkdir(dataDir);
    const ours = { results: [] as QuestionResult[], sessions: [] as QuestionResult[], loadMs: 0 };
    const client = await stdioClient(process.execPath, [join(ROOT, 'bin/ai-memory'), 'serve', '--transport', 'stdio', '--data-dir', dataDir, '--port', '0']);
    try {
      for (const conversation of conversations) {
        const project = `locomo-${conversation.id}`;
        const t0 = performance.now();
        await loadOurs(client, conversation, project);
        ours.loadMs += performance.now() - t0;
        log(`ai-memory: loaded ${conversation.id}`);
        for (const question of conversation.questions) {
          ours.results.push(
            await timedQuestion(question, async () => {
              const found = await callJson<{ hits: Array<{ path: string }> }>(client, 'memory_query', { workspace: 'default', project, query: question.question, limit: 10 });
              return found.hits.map((h) => diaIdOf(h.path));
            }),
          );
        }
      }
      for (const conversation of conversations) {
        const project = `locomo-sessions-${conversation.id}`;
        await loadOurSessions(client, conversation, project);
        for (const question of conversation.questions) {
          ours.sessions.push(
            await timedSessionQuestion(question, async () => {
              const found = await callJson<{ hits: Array<{ path: string }> }>(client, 'memory_query', { workspace: 'default', project, query: question.question, limit: 10 });
              return found.hits.map((h) => sessionIdOfName(h.path));
            }),
          );
        }
      }
      log('ai-memory: session level done');
    } finally {
      await client.close();
    }

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      conversations: conversations.map((c) => c.id),
      questions: ours.results.length,
      peer: { package: PEER, version: peerVersion },
      ai_memory: { load_s: round(ours.loadMs / 1000, 1), ...summarize(ours.results) },
      peer_search_nodes: { load_s: round(peer.loadMs / 1000, 1), ...summarize(peer.substring) },
      peer_search_nodes_per_word: summarize(peer.words),
      session_level: { ai_memory: summarize(ours.sessions), peer_search_nodes_per_word: summarize(peerSessions.words) },
    };
    await saveResults('peers', report);
    await updateDocBlock('peers', peersDoc(report));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function timedQuestion(question: LocomoConversation['questions'][number], run: () => Promise<Array<string | null>>): Promise<QuestionResult> {
  const t0 = performance.now();
  const ids = await run();
  const ms = performance.now() - t0;
  return { category: question.category, rank: firstEvidenceRank(question, ids.slice(0, 10)), ms };
}

/** One entity per turn (named by its id) holding the same text as our turn page; one per session. */
async function loadPeer(client: Client, conversation: LocomoConversation): Promise<void> {
  for (const session of conversation.sessions) {
    const name = `Session ${session.number}`;
    await callJson(client, 'create_entities', { entities: [{ name, entityType: 'session', observations: [] }] });
    await callJson(client, 'add_observations', { observations: [{ entityName: name, contents: [`Conversation between ${conversation.speakers.join(' and ')}, ${session.dateTime}`] }] });
    const entities = session.turns.map((turn) => {
      const page = turnPage(session, turn);
      return { name: turn.dia_id, entityType: 'turn', observations: [page.body.replace(/\n*Part of .*\n?$/, '').trim(), `Part of ${name}, ${sessionDate(session)}`] };
    });
    await callJson(client, 'create_entities', { entities });
  }
}

async function loadOurs(client: Client, conversation: LocomoConversation, project: string): Promise<void> {
  for (const session of conversation.sessions) {
    const [a, b] = conversation.speakers;
    const links = session.turns.map((t) => `- [[${turnPath(t.dia_id).replace(/\.md$/, '')}]]`).join('\n');
    await callJson(client, 'memory_write_page', { workspace: 'default', project, path: `sessions/session-${session.number}.md`, title: `Session ${session.number}, ${sessionDate(session)}`, kind: 'session', body: `Conversation between ${a} and ${b}, ${session.dateTime}.\n\n${links}\n` });
    for (const turn of session.turns) {
      await callJson(client, 'memory_write_page', { workspace: 'default', project, path: turnPath(turn.dia_id), kind: 'note', ...turnPage(session, turn) });
    }
  }
}

const turnIdOfName = (name: string) => (/^D\d+:\d+$/.test(name) ? name : null);

async function peerSearch(client: Client, query: string, idOf: (name: string) => string | null = turnIdOfName): Promise<Array<string | null>> {
  const graph = await callJson<{ entities: Entity[] }>(client, 'search_nodes', { query });
  return graph.entities.map((e) => idOf(e.name));
}

/** One search_nodes call per meaningful word; entities containing more of the words first. */
async function peerWordSearch(client: Client, query: string, idOf: (name: string) => string | null = turnIdOfName): Promise<Array<string | null>> {
  const counts = new Map<string, number>();
  for (const word of prepareFtsQuery(query).terms) {
    for (const name of await peerSearch(client, word, idOf)) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((x, y) => y[1] - x[1]).map(([name]) => name);
}

type Summary = ReturnType<typeof summarize>;

function peersDoc(r: { date: string; machine: ReturnType<typeof machine>; conversations: string[]; questions: number; peer: { version: string }; ai_memory: Summary & { load_s: number }; peer_search_nodes: Summary & { load_s: number }; peer_search_nodes_per_word: Summary; session_level: { ai_memory: Summary; peer_search_nodes_per_word: Summary } }): string {
  const sessionRow = (label: string, s: Summary) =>
    `| ${label} | ${s.overall.recall.r1.toFixed(3)} | ${s.overall.recall.r5.toFixed(3)} | ${s.overall.recall.r10.toFixed(3)} | ${s.latency_p50_ms} | ${s.latency_p95_ms} |`;
  const row = (label: string, s: Summary, load: string) =>
    `| ${label} | ${s.overall.recall.r1.toFixed(3)} | ${s.overall.recall.r5.toFixed(3)} | ${s.overall.recall.r10.toFixed(3)} | ${s.latency_p50_ms} | ${s.latency_p95_ms} | ${load} |`;
  return [
    `Measured ${r.date.slice(0, 10)}, ${r.machine.cpus} cores, Node ${r.machine.node}, in one run: ${r.conversations.length === 10 ? 'all of LoCoMo (10 conversations' : `a subset of LoCoMo (${r.conversations.length} of 10 conversations: ${r.conversations.join(', ')}`}; ${r.questions} questions of categories 1-4), each server loaded through its own MCP tools and queried over MCP stdio with the official SDK client. Latency is per question, as the client sees it.`,
    '',
    '| server, query | recall@1 | recall@5 | recall@10 | p50 ms | p95 ms | load |',
    '|---|---|---|---|---|---|---|',
    row('ai-memory `memory_query`, the question', r.ai_memory, `${r.ai_memory.load_s} s (memory_write_page, one commit per turn)`),
    row(`${PEER} ${r.peer.version} \`search_nodes\`, the question`, r.peer_search_nodes, `${r.peer_search_nodes.load_s} s (create_entities, add_observations)`),
    row(`${PEER} \`search_nodes\`, one call per word, ranked by words matched`, r.peer_search_nodes_per_word, 'same graph'),
    '',
    `At session level (one transcript per session, an entity for the peer and a page for ai-memory; found when a session holding the evidence is in the top k, as peers publish LoCoMo):`,
    '',
    '| server, query | recall@1 | recall@5 | recall@10 | p50 ms | p95 ms |',
    '|---|---|---|---|---|---|',
    sessionRow('ai-memory `memory_query`, the question', r.session_level.ai_memory),
    sessionRow(`${PEER} \`search_nodes\`, one call per word, ranked by words matched`, r.session_level.peer_search_nodes_per_word),
    '',
    'ai-memory per category (turn level):',
    '',
    ...recallTable([...r.ai_memory.by_category, r.ai_memory.overall]),
  ].join('\n');
}

await main();
