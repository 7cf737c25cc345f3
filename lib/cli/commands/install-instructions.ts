import { basename, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { INSTRUCTION_FILES, installInstructions } from '../../client/installers/instructions-block.js';
import { runCommand, type CliContext } from '../context.js';
import { carryOut, fileExists, readText, report, type PlannedChange } from '../install-io.js';

export function installInstructionsCommand(ctx: CliContext) {
  return defineCommand({
    meta: { name: 'install-instructions', description: 'Add (or refresh) the ai-memory block in CLAUDE.md / AGENTS.md / GEMINI.md (dry run unless --apply)' },
    args: {
      file: { type: 'string', description: 'The file to edit (default: each of CLAUDE.md, AGENTS.md, GEMINI.md that exists here, else AGENTS.md)' },
      apply: { type: 'boolean', description: 'Write the changes (default: print them)' },
      json: { type: 'boolean', description: 'Print machine-readable JSON' },
    },
    async run({ args }) {
      await runCommand(ctx, args.json, async () => {
        const files = instructionFiles(ctx.cwd, args.file);
        const changes: PlannedChange[] = files.map((path) => {
          const before = readText(path);
          return { path, before, after: installInstructions(before), what: `instructions in ${basename(path)}` };
        });
        report(ctx, 'install-instructions', Boolean(args.apply), args.json, await carryOut(changes, Boolean(args.apply)), args.file ? [] : unreadBy(files));
      });
    },
  });
}

/**
 * Which agents will not see the block, by the file names they read (reference/clients.md:
 * Claude Code reads CLAUDE.md, not AGENTS.md; Codex and Cursor read AGENTS.md; Gemini CLI reads
 * GEMINI.md unless its context.fileName says otherwise).
 */
export function unreadBy(files: string[]): string[] {
  const names = new Set(files.map((f) => basename(f)));
  const notes: string[] = [];
  if (!names.has('CLAUDE.md')) notes.push('Claude Code reads CLAUDE.md, not AGENTS.md: for it, run again with --file CLAUDE.md (or put a line `@AGENTS.md` in CLAUDE.md).');
  if (!names.has('AGENTS.md')) notes.push('Codex and Cursor read AGENTS.md: for them, run again with --file AGENTS.md.');
  if (!names.has('GEMINI.md')) notes.push('Gemini CLI reads GEMINI.md (unless context.fileName in its settings lists another name): for it, run again with --file GEMINI.md.');
  return notes;
}

export function instructionFiles(cwd: string, file: string | undefined): string[] {
  if (file) return [resolve(cwd, file)];
  const present = INSTRUCTION_FILES.map((name) => resolve(cwd, name)).filter(fileExists);
  return present.length > 0 ? present : [resolve(cwd, 'AGENTS.md')];
}
