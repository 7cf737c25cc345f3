import type { BootstrapCollected, BootstrapFile } from './bootstrap-input.js';

/**
 * Rule-based seed pages from what bootstrap collected: no LLM, only extracts. The paths are
 * fixed so a second run updates the same pages instead of adding copies. Collected text is
 * repository content, shown quoted with `[` escaped so it cannot add links to the graph.
 */
export interface SeedPage {
  path: string;
  title: string;
  kind: 'concept' | 'note' | 'rule';
  body: string;
}

export const SEED_PATHS = {
  overview: 'concepts/project-overview.md',
  modules: 'concepts/module-map.md',
  hotFiles: 'notes/hot-files.md',
  history: 'notes/recent-history.md',
  rules: 'rules/project-rules.md',
} as const;

const README_EXCERPT = 4000;
const DOC_EXCERPT = 600;

export function seedPages(input: BootstrapCollected): SeedPage[] {
  const name = input.name;
  const pages: SeedPage[] = [];
  const overview = [`# ${name}: overview`, '', `Seeded by \`ai-memory bootstrap\` from the project's README and docs.`, ''];
  if (input.readme) overview.push(`## From ${code(input.readme.path)}`, '', quote(excerpt(input.readme.text, README_EXCERPT)), '');
  if (input.docs.length > 0) {
    overview.push('## Documentation', '');
    for (const doc of input.docs) overview.push(`### ${code(doc.path)}`, '', quote(excerpt(firstParagraphs(doc.text), DOC_EXCERPT)), '');
  }
  if (input.readme || input.docs.length > 0) pages.push({ path: SEED_PATHS.overview, title: `${name}: overview`, kind: 'concept', body: overview.join('\n') });

  if (input.modules.length > 0) {
    const body = [`# ${name}: module map`, '', 'What each source file says about itself in its opening comment.', ''];
    for (const m of input.modules) body.push(`- ${code(m.path)}: ${escape(oneLine(m.header))}`);
    pages.push({ path: SEED_PATHS.modules, title: `${name}: module map`, kind: 'concept', body: `${body.join('\n')}\n` });
  }
  if (input.hot_files.length > 0) {
    const body = [`# ${name}: hot files`, '', `The files changed most often in the last ${input.history.length} commits, where work concentrates.`, '', '| file | commits |', '|---|---|'];
    for (const f of input.hot_files) body.push(`| ${code(f.path)} | ${f.commits} |`);
    pages.push({ path: SEED_PATHS.hotFiles, title: `${name}: hot files`, kind: 'note', body: `${body.join('\n')}\n` });
  }
  if (input.history.length > 0) {
    const body = [`# ${name}: recent history`, '', 'The latest commits, newest first.', ''];
    for (const c of input.history) body.push(`- ${c.date.slice(0, 10)} ${code(c.commit.slice(0, 7))} ${escape(oneLine(c.subject))} (${escape(c.author)})`);
    pages.push({ path: SEED_PATHS.history, title: `${name}: recent history`, kind: 'note', body: `${body.join('\n')}\n` });
  }
  if (input.rules.length > 0) {
    const body = [`# ${name}: project rules`, '', 'The agent rule files found in the project, as written there.', ''];
    for (const rule of input.rules) body.push(`## ${code(rule.path)}`, '', quote(rule.text), '');
    pages.push({ path: SEED_PATHS.rules, title: `${name}: project rules`, kind: 'rule', body: body.join('\n') });
  }
  return pages;
}

export function describeCollected(input: BootstrapCollected): string {
  const parts = [
    input.readme ? 'README' : null,
    `${input.docs.length} docs`,
    `${input.rules.length} rule files`,
    `${input.history.length} commits`,
    `${input.modules.length} module headers`,
  ].filter(Boolean);
  return parts.join(', ');
}

function firstParagraphs(text: string): string {
  return text.split(/\n\s*\n/).slice(0, 3).join('\n\n');
}

function excerpt(text: string, max: number): string {
  return text.length <= max ? text.trim() : `${text.slice(0, max).trimEnd()}\n[...]`;
}

function quote(text: string): string {
  return escape(text.trim())
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** `\[` stops wikilinks; `]\(` stops markdown links (the link extractor reads raw text). */
function escape(text: string): string {
  return text.replace(/\[/g, '\\[').replace(/\]\(/g, ']\\(');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export type { BootstrapFile };
