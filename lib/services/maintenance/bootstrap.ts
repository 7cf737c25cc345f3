import type { Actor } from '../../core/actor.js';
import { BOOTSTRAP_LIMITS as L, type BootstrapCollected, type BootstrapFile, type BootstrapRequest } from '../../core/maintenance/bootstrap-input.js';
import { describeCollected, seedPages, type SeedPage } from '../../core/maintenance/bootstrap-pages.js';
import type { BootstrapResponse } from '../../core/maintenance/reports.js';
import { invalid } from '../../core/errors.js';
import { parsePagePath } from '../../core/paths.js';
import { SCOPE_RULES } from '../../core/scope-rules.js';
import type { ServiceDeps } from '../deps.js';
import { requireScope } from '../scope.js';
import { writeJob } from '../write-job.js';

/** Writes the pages a provider summarised instead of the extracts; absent without a provider. */
export type BootstrapSummarizer = (input: BootstrapCollected) => Promise<SeedPage[]>;

export function createBootstrapService(deps: ServiceDeps, summarizer?: () => BootstrapSummarizer | undefined) {
  const now = () => (deps.now ?? (() => new Date()))();

  async function bootstrap(request: BootstrapRequest, actor?: Actor): Promise<BootstrapResponse> {
    const scope = requireScope(request, SCOPE_RULES.admin);
    const collected = validate(request);
    let pages = seedPages(collected);
    let mode: BootstrapResponse['mode'] = 'rules';
    let llmError: string | undefined;
    const summarize = summarizer?.();
    if (summarize) {
      try {
        const summarized = await summarize(collected);
        if (summarized.length > 0) {
          pages = summarized;
          mode = 'llm';
        }
      } catch (error) {
        // A provider failure never costs the user the rule-based seed.
        llmError = (error as Error).message;
      }
    }
    const response: BootstrapResponse = {
      workspace: scope.workspace,
      project: scope.project,
      dry_run: request.dry_run === true,
      collected: describeCollected(collected),
      mode,
      pages: [],
    };
    if (llmError) response.llm_error = llmError;
    if (request.dry_run === true) {
      response.pages = pages.map((p) => ({ path: p.path, title: p.title, status: 'planned' }));
      return response;
    }
    const at = now();
    const message = `Bootstrap ${scope.workspace}/${scope.project}: ${pages.length} seed pages (${response.collected})`;
    const { commit } = await writeJob(deps, { message, author: actor }, async (tx) => {
      await tx.ensureManifest(scope, String(request.project ?? scope.project).trim(), at);
      for (const page of pages) {
        const put = await tx.putPage(scope, parsePagePath(page.path), { body: page.body, title: page.title, kind: page.kind, tier: 'semantic', tags: ['bootstrap'] }, at);
        response.pages.push({ path: page.path, title: page.title, status: put.status });
      }
    });
    if (commit) response.commit = commit;
    return response;
  }

  return { bootstrap };
}

/** The route is open to any client: shapes and sizes are checked again here. */
function validate(request: BootstrapRequest): BootstrapCollected {
  const name = typeof request.name === 'string' && request.name.trim() !== '' ? request.name.trim().slice(0, 200) : String(request.project ?? 'project');
  const file = (value: unknown, what: string, maxChars: number): BootstrapFile => {
    const f = value as Partial<BootstrapFile> | null;
    if (!f || typeof f.path !== 'string' || typeof f.text !== 'string' || f.path.length > L.pathChars) throw invalid(`${what} must be {path, text}`);
    return { path: f.path, text: f.text.slice(0, maxChars) };
  };
  const list = <T>(value: unknown, what: string, max: number, each: (item: unknown) => T): T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid(`${what} must be a list`);
    return value.slice(0, max).map(each);
  };
  const text = (value: unknown, what: string, max: number): string => {
    if (typeof value !== 'string') throw invalid(`${what} must be a string`);
    return value.slice(0, max);
  };
  const collected: BootstrapCollected = {
    name,
    docs: list(request.docs, 'docs', L.docs, (d) => file(d, 'each doc', L.docChars)),
    rules: list(request.rules, 'rules', L.rules, (r) => file(r, 'each rule file', L.ruleChars)),
    history: list(request.history, 'history', L.commits, (c) => {
      const commit = (c ?? {}) as Record<string, unknown>;
      return {
        commit: text(commit.commit, 'history[].commit', 64),
        date: text(commit.date, 'history[].date', 64),
        author: text(commit.author, 'history[].author', 200),
        subject: text(commit.subject, 'history[].subject', 500),
      };
    }),
    hot_files: list(request.hot_files, 'hot_files', L.hotFiles, (h) => {
      const hot = (h ?? {}) as Record<string, unknown>;
      if (typeof hot.commits !== 'number') throw invalid('hot_files[].commits must be a number');
      return { path: text(hot.path, 'hot_files[].path', L.pathChars), commits: hot.commits };
    }),
    modules: list(request.modules, 'modules', L.modules, (m) => {
      const mod = (m ?? {}) as Record<string, unknown>;
      return { path: text(mod.path, 'modules[].path', L.pathChars), header: text(mod.header, 'modules[].header', L.headerChars) };
    }),
  };
  if (request.readme !== undefined && request.readme !== null) collected.readme = file(request.readme, 'readme', L.readmeChars);
  const empty = !collected.readme && collected.docs.length + collected.rules.length + collected.history.length + collected.modules.length === 0;
  if (empty) throw invalid('nothing to bootstrap from: no README, docs, rule files, git history or module headers were found');
  return collected;
}
