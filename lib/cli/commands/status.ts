import { defineCommand } from 'citty';
import { clientFor, jsonArg, printJson, runCommand, serverArgs, type CliContext } from '../context.js';
import { shortDate, styleFor } from '../format.js';
import { count } from '../words.js';

export function statusCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'status', description: 'Show the data dir, projects, index state and watcher' },
    args: { ...jsonArg, ...serverArgs },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const client = clientFor(ctx, args);
        const status = await client.status();
        if (args.json) return printJson(ctx, status);
        const style = styleFor(ctx.stdout, ctx.env);
        const { index } = status;
        const rebuilt = index.last_rebuild_at ? `, last rebuild ${shortDate(index.last_rebuild_at)} (${index.last_rebuild_ms} ms)` : '';
        const lines = [
          `${style.bold('ai-memory')} ${status.version} at ${client.serverUrl}`,
          `web UI    ${client.serverUrl}/web/`,
          `data dir  ${status.data_dir}`,
          `wiki      ${status.wiki_dir}${status.git.head ? ` (HEAD ${status.git.head.slice(0, 7)})` : ''}`,
          `index     ${count(index.pages, 'page')}, revision ${index.revision}, ${index.start} start${rebuilt}${index.persisted_at ? `, saved ${shortDate(index.persisted_at)}` : ''}`,
          `watcher   ${status.watcher.live ? 'live' : 'not running'}${status.watcher.error ? ` (${status.watcher.error})` : ''}${status.watcher.pending_external_commits ? `, ${count(status.watcher.pending_external_commits, 'external edit')} waiting to be committed` : ''}`,
          `projects  ${status.projects.length === 0 ? 'none yet' : ''}`,
          ...status.projects.map((p) => `  ${`${p.workspace}/${p.project}`.padEnd(32)} ${count(p.pages, 'page')}`),
          // The first thing a new day needs: which projects have work waiting (`ai-memory handoff` shows it).
          `handoffs  ${status.pending_handoffs.length === 0 ? 'none pending' : ''}`,
          ...status.pending_handoffs.map((h) => `  ${`${h.workspace}/${h.project}`.padEnd(32)} ${count(h.count, 'pending handoff')}: ${h.newest.title} (${shortDate(h.newest.created)}${h.count > 1 ? ', the newest' : ''})`),
          `providers ${status.providers?.length ? '' : 'none (rule-based only)'}`,
          ...(status.providers ?? []).map((p) => {
            const last = p.state === 'unused' ? 'no call yet' : `${p.state === 'ok' ? 'ok' : `error: ${p.error}`} (${p.latency_ms} ms, ${shortDate(p.last_call_at)})`;
            return `  ${`${p.kind} ${p.provider} ${p.model}`.padEnd(32)} ${last}`;
          }),
        ];
        ctx.stdout.write(`${lines.join('\n')}\n`);
      });
    },
  });
}
