import type { CatchUpResponse } from '../../core/maintenance/reports.js';
import type { Scope } from '../../core/paths.js';
import type { SessionRegistry } from '../capture/registry.js';
import type { ServiceDeps } from '../deps.js';
import { briefing, type Briefing } from '../memory/briefing.js';
import { budget, dataBlock, NO_PROVIDER, UNTRUSTED_NOTICE } from './prompts.js';

/** The catch-up as the service returns it: the wire shape (CatchUpResponse) with the briefing typed. */
export interface CatchUp extends Omit<CatchUpResponse, 'briefing'> {
  briefing: Briefing;
}

const DAY_MS = 86_400_000;

/**
 * `memory_explore` / `ai-memory catch-up`: a prose digest of recent activity over the
 * briefing, longer the longer the user has been away. Without a provider (or when it fails)
 * the briefing itself is the answer.
 */
export async function catchUp(deps: ServiceDeps, registry: SessionRegistry, scope: Scope, options: { focus?: string | undefined; recentLimit?: number } = {}): Promise<CatchUp> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const brief = await briefing(deps, registry, scope, options.recentLimit ?? 15);
  const latest = Math.max(
    brief.last_observation_at ? Date.parse(brief.last_observation_at) : 0,
    ...brief.recent_pages.map((p) => Date.parse(p.updated)).filter((t) => !Number.isNaN(t)),
  );
  const awayDays = latest > 0 ? Math.max(0, Math.round(((now - latest) / DAY_MS) * 10) / 10) : 0;
  const result: CatchUp = { workspace: scope.workspace, project: scope.project, away_days: awayDays, mode: 'briefing', briefing: brief };
  const llm = deps.providers?.llm;
  if (!llm) return { ...result, digest_unavailable: NO_PROVIDER };

  const length = awayDays < 1 ? 'one sentence' : awayDays < 7 ? 'one short paragraph' : awayDays < 30 ? 'two or three paragraphs' : 'a full catch-up: several paragraphs with headings for decisions, open work and rules';
  const sessions = brief.recent_pages
    .filter((p) => p.kind === 'session')
    .slice(0, 5)
    .map((p) => ({ path: p.path, title: p.title, summary: p.summary, text: budget(deps.store.files.readNow(`${scope.workspace}/${scope.project}/${p.path}`) ?? '', 2500) }));
  const system = [
    'You write a catch-up digest of a software project for a developer returning to it, from its memory wiki.',
    UNTRUSTED_NOTICE,
    `The developer has been away ${awayDays} days: write ${length}. Plain markdown prose, no preamble. Mention page paths in backticks when useful.`,
  ].join('\n');
  const user = `${options.focus ? `Focus on: ${JSON.stringify(options.focus.slice(0, 500))}\n\n` : ''}Briefing and recent sessions:\n${dataBlock({ briefing: brief, recent_sessions: sessions })}`;
  try {
    const digest = (await llm.complete({ system, user, maxTokens: awayDays >= 30 ? 2000 : 800 })).trim();
    if (digest === '') return { ...result, digest_unavailable: `${llm.provider}: empty digest` };
    return { ...result, mode: 'llm', digest: digest.slice(0, 20_000) };
  } catch (error) {
    return { ...result, digest_unavailable: (error as Error).message };
  }
}
