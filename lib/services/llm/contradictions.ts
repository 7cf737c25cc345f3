import { splitPage } from '../../core/frontmatter.js';
import type { LintFinding } from '../../core/maintenance/lint.js';
import type { IndexedPage } from '../../index/indexed-page.js';
import type { ServiceDeps } from '../deps.js';
import type { ExtraLintCheck } from '../maintenance/lint.js';
import { budget, dataBlock, parseJsonObject, UNTRUSTED_NOTICE } from './prompts.js';

const DURABLE = new Set(['decision', 'rule', 'fact', 'note', 'concept', 'gotcha', 'procedure']);
const PAGES_PER_PROJECT = 40;
const PAGE_CHARS = 1500;
const MAX_PROJECTS = 10;

const SYSTEM = [
  'You review the durable pages of one project wiki for contradictions: two pages stating incompatible things about the same subject.',
  UNTRUSTED_NOTICE,
  'Report only real contradictions, quoting the two conflicting statements. Differences in detail or pages about different subjects are not contradictions.',
  'Reply with one JSON object: {"contradictions": [{"pages": [path, path], "statements": [statement from the first, statement from the second], "explanation": string}]}. An empty list when there are none.',
].join('\n');

/**
 * The LLM pass of `lint`: one bounded call per project over its durable pages (decisions,
 * rules, facts, ...), never session logs. Paths the model names are checked against the pages
 * it was given; anything else is dropped.
 */
export function contradictionCheck(deps: ServiceDeps): ExtraLintCheck | undefined {
  const llm = deps.providers?.llm;
  if (!llm) return undefined;
  return async (pages: IndexedPage[]) => {
    const byProject = new Map<string, IndexedPage[]>();
    for (const page of pages) {
      if (!DURABLE.has(page.kind)) continue;
      const key = `${page.workspace}/${page.project}`;
      byProject.set(key, [...(byProject.get(key) ?? []), page]);
    }
    const findings: LintFinding[] = [];
    for (const group of [...byProject.values()].filter((g) => g.length >= 2).slice(0, MAX_PROJECTS)) {
      const given = group.slice(0, PAGES_PER_PROJECT);
      const material = given.map((p) => ({ path: p.path, title: p.title, text: budget(splitPage(deps.store.files.readNow(p.rel) ?? '').body, PAGE_CHARS) }));
      const answer = parseJsonObject(await llm.complete({ system: SYSTEM, user: `Pages:\n${dataBlock(material)}`, maxTokens: 2000, json: true }));
      if (!answer) throw new Error(`${llm.provider}: the contradiction answer was not the JSON asked for`);
      const byPath = new Map(given.map((p) => [p.path as string, p]));
      const list = Array.isArray(answer.contradictions) ? answer.contradictions : [];
      for (const item of list.slice(0, 50)) {
        const entry = item as { pages?: unknown; statements?: unknown; explanation?: unknown };
        const paths = Array.isArray(entry.pages) ? entry.pages.filter((p): p is string => typeof p === 'string') : [];
        const statements = Array.isArray(entry.statements) ? entry.statements.map((s) => oneLine(String(s), 300)) : [];
        const [a, b] = paths;
        const first = a === undefined ? undefined : byPath.get(a);
        const second = b === undefined ? undefined : byPath.get(b);
        if (!first || !second || first === second) continue;
        const why = typeof entry.explanation === 'string' ? ` (${oneLine(entry.explanation, 300)})` : '';
        findings.push({
          check: 'contradiction',
          severity: 'warning',
          workspace: first.workspace,
          project: first.project,
          path: first.path,
          title: first.title,
          detail: `contradicts ${second.path}: "${statements[0] ?? '?'}" vs "${statements[1] ?? '?'}"${why}`,
        });
      }
    }
    return findings;
  };
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
