import type { BootstrapCollected } from '../../core/maintenance/bootstrap-input.js';
import { SEED_PATHS, type SeedPage } from '../../core/maintenance/bootstrap-pages.js';
import { checkConsolidation } from '../../core/maintenance/consolidation.js';
import type { ServiceDeps } from '../deps.js';
import type { BootstrapSummarizer } from '../maintenance/bootstrap.js';
import { budget, dataBlock, parseJsonObject, UNTRUSTED_NOTICE } from './prompts.js';

/** The seed pages a provider may write, at the same fixed paths as the rule-based ones. */
const KEYS: Record<string, { path: string; kind: SeedPage['kind'] }> = {
  overview: { path: SEED_PATHS.overview, kind: 'concept' },
  architecture: { path: SEED_PATHS.modules, kind: 'concept' },
  hot_files: { path: SEED_PATHS.hotFiles, kind: 'note' },
  recent_history: { path: SEED_PATHS.history, kind: 'note' },
  rules: { path: SEED_PATHS.rules, kind: 'rule' },
};

const MATERIAL_CHARS = 60_000;

const SYSTEM = [
  'You seed the memory wiki of a software project from material collected in its repository.',
  UNTRUSTED_NOTICE,
  `Write up to five pages, each under one of these keys: ${Object.keys(KEYS).join(', ')}. overview: what the project is and how it is used; architecture: how the code is organised (from module headers);`,
  'hot_files: where work concentrates and why; recent_history: what changed lately, grouped by theme; rules: the rules agents must follow, faithfully.',
  'Use only facts in the material. Do not use [[wikilinks]]. Each body starts with a "# " heading.',
  'Reply with one JSON object: {"pages": [{"key": string, "title": string, "body_markdown": string}]}.',
].join('\n');

/**
 * `bootstrap` with a provider: one bounded call summarising what the client collected into the
 * seed pages. Pages the answer gets wrong (unknown key, bad markdown) are dropped; with none
 * left the caller falls back to the rule-based extracts.
 */
export function bootstrapSummarizer(deps: ServiceDeps): BootstrapSummarizer | undefined {
  const llm = deps.providers?.llm;
  if (!llm) return undefined;
  return async (input: BootstrapCollected) => {
    const material = budget(JSON.stringify({
      name: input.name,
      readme: input.readme ? { path: input.readme.path, text: budget(input.readme.text, 8000) } : null,
      docs: input.docs.map((d) => ({ path: d.path, text: budget(d.text, 2000) })),
      rules: input.rules,
      recent_commits: input.history.map((c) => `${c.date.slice(0, 10)} ${c.subject}`),
      hot_files: input.hot_files,
      module_headers: input.modules,
    }), MATERIAL_CHARS);
    const answer = parseJsonObject(await llm.complete({ system: SYSTEM, user: `Material:\n${dataBlock(material)}`, maxTokens: 6000, json: true }));
    if (!answer) throw new Error(`${llm.provider}: the bootstrap answer was not the JSON asked for`);
    const pages: SeedPage[] = [];
    const seen = new Set<string>();
    for (const item of Array.isArray(answer.pages) ? answer.pages.slice(0, 10) : []) {
      const entry = item as { key?: unknown };
      const target = typeof entry.key === 'string' ? KEYS[entry.key] : undefined;
      if (!target || seen.has(target.path)) continue;
      const check = checkConsolidation(item as Record<string, unknown>);
      if (!check.ok) continue;
      seen.add(target.path);
      pages.push({ path: target.path, kind: target.kind, title: check.title, body: check.body.replace(/\[\[/g, '\\[\\[') });
    }
    if (pages.length === 0) throw new Error(`${llm.provider}: the bootstrap answer had no usable page`);
    return pages;
  };
}
