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
        const changes: PlannedChange[] = instructionFiles(ctx.cwd, args.file).map((path) => {
          const before = readText(path);
          return { path, before, after: installInstructions(before), what: `instructions in ${basename(path)}` };
        });
        report(ctx, 'install-instructions', Boolean(args.apply), args.json, await carryOut(changes, Boolean(args.apply)), []);
      });
    },
  });
}

export function instructionFiles(cwd: string, file: string | undefined): string[] {
  if (file) return [resolve(cwd, file)];
  const present = INSTRUCTION_FILES.map((name) => resolve(cwd, name)).filter(fileExists);
  return present.length > 0 ? present : [resolve(cwd, 'AGENTS.md')];
}
