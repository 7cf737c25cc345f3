import type { ArgsDef, CommandDef } from 'citty';
import { MemoryError } from '../core/errors.js';
import { reportError } from './context.js';

/**
 * citty ignores options it does not know, so `ai-memory write-page --projet demo ...` wrote
 * into the current folder's project and `search --projct demo` searched every project, both
 * without a word. This refuses an unknown option before the command runs.
 */
export function unknownOption(rawArgs: string[], argsDef: ArgsDef): string | undefined {
  const known = new Set<string>(['help', 'version', 'h', 'v']);
  const takesValue = new Set<string>();
  for (const [name, def] of Object.entries(argsDef)) {
    if (def.type === 'positional') continue;
    const names = [name, ...toArray((def as { alias?: string | string[] }).alias)];
    for (const n of names) {
      known.add(kebab(n));
      if (def.type === 'string' || def.type === 'enum') takesValue.add(kebab(n));
    }
  }
  for (let i = 0; i < rawArgs.length; i += 1) {
    const arg = rawArgs[i]!;
    if (arg === '--') break;
    let names: string[];
    let inlineValue = false;
    if (/^--[A-Za-z]/.test(arg)) {
      const [flag] = arg.slice(2).split('=', 1);
      inlineValue = arg.includes('=');
      const name = kebab(flag!);
      // `--no-watch` negates `watch`; an option may also be named `no-...` itself.
      names = [known.has(name) || !name.startsWith('no-') ? name : name.slice(3)];
      if (!known.has(names[0]!)) return arg.split('=', 1)[0];
    } else if (/^-[A-Za-z]+$/.test(arg)) {
      names = [...arg.slice(1)];
      const unknown = names.find((n) => !known.has(n));
      if (unknown !== undefined) return `-${unknown}`;
    } else {
      continue;
    }
    // The value of a string option may itself start with "-" (`--body -`, `--title -x`).
    if (!inlineValue && takesValue.has(names[names.length - 1]!)) i += 1;
  }
  return undefined;
}

/**
 * Makes a command (and its subcommands) refuse unknown options: the usual one-line error (or
 * JSON with `--json`) and the exit code of invalid input, before the command runs.
 */
export function strictFlags<A extends ArgsDef>(command: CommandDef<A>, path: string, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): CommandDef<A> {
  const subCommands = command.subCommands;
  if (subCommands && typeof subCommands === 'object') {
    for (const [name, sub] of Object.entries(subCommands)) {
      if (sub && typeof sub === 'object' && !('then' in sub)) strictFlags(sub as CommandDef<ArgsDef>, `${path} ${name}`, out);
    }
    return command; // its own raw arguments include the subcommand's
  }
  const args = command.args;
  if (!args || typeof args !== 'object' || 'then' in args) return command;
  const previous = command.setup;
  command.setup = async (context) => {
    const bad = unknownOption(context.rawArgs, args as ArgsDef);
    if (bad !== undefined) {
      const error = new MemoryError('INVALID_INPUT', `unknown option ${bad} for \`ai-memory ${path}\`; ${hintFor(bad, args as ArgsDef, path)}`);
      // citty would run the command after setup returns; nothing has happened yet, so leave now.
      process.exit(reportError(out, error, context.rawArgs.includes('--json')));
    }
    await previous?.(context);
  };
  return command;
}

/** A client command is pointed at a server, not at its port or data dir. */
function hintFor(bad: string, args: ArgsDef, path: string): string {
  if ('server-url' in args && ['--port', '--data-dir', '--host'].includes(bad)) {
    return `\`ai-memory ${path}\` talks to a running server: pass --server-url http://127.0.0.1:<port> instead (${bad} belongs to \`ai-memory serve\`; without --server-url the CLI uses the URL the server recorded in its data dir, $AI_MEMORY_DATA_DIR or the default)`;
  }
  return `see \`ai-memory ${path} --help\``;
}

function toArray(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
