/**
 * The command an agent runs for each hook. It names absolute paths (node and the package's bin)
 * so it works from any cwd and with whatever PATH the agent gives its hooks.
 */
export interface HookCommandOptions {
  /** Absolute path of the node binary. */
  node: string;
  /** Absolute path of the ai-memory package (the folder holding bin/ and hooks/). */
  packageDir: string;
  serverUrl?: string | undefined;
  authToken?: string | undefined;
  projectStrategy?: 'repo-root' | undefined;
  /** Run `hooks/<agent>/ai-memory-hook.sh` instead of the bin (a POSIX sh fallback). */
  scripts?: boolean | undefined;
  /** Flags found on an installed hook that this version does not model; `upgrade` keeps them. */
  extraArgs?: string[] | undefined;
}

const SAFE_WORD = /^[A-Za-z0-9_\-./:=@%+,]+$/;

/** One shell word: bare when safe, else double-quoted with the four special characters escaped. */
export function shellWord(value: string): string {
  return SAFE_WORD.test(value) ? value : doubleQuoted(value);
}

export function doubleQuoted(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The flags after `hook --agent A --event E`, as separate arguments. */
export function hookExtraArgs(options: HookCommandOptions): string[] {
  const args: string[] = [];
  if (options.serverUrl) args.push('--server-url', options.serverUrl);
  if (options.authToken) args.push('--auth-token', options.authToken);
  if (options.projectStrategy) args.push('--project-strategy', options.projectStrategy);
  if (options.extraArgs) args.push(...options.extraArgs);
  return args;
}

export function hookCommandLine(agent: string, event: string, options: HookCommandOptions): string {
  const extra = hookExtraArgs(options).map(shellWord);
  if (options.scripts) {
    // The script takes the event and passes any further arguments on to the bin.
    return [doubleQuoted(`${options.packageDir}/hooks/${agent}/ai-memory-hook.sh`), shellWord(event), ...extra].join(' ');
  }
  return [doubleQuoted(options.node), doubleQuoted(`${options.packageDir}/bin/ai-memory`), 'hook', '--agent', agent, '--event', shellWord(event), ...extra].join(' ');
}

/**
 * Whether a hook command is one ai-memory installed (either form, any install location), so a
 * re-run replaces it in place and uninstall removes exactly these and nothing else.
 */
export function isAiMemoryCommand(command: unknown): boolean {
  if (typeof command !== 'string') return false;
  return /ai-memory["']?\s+hook\s+--agent\s/.test(command) || /\/hooks\/[a-z0-9-]+\/ai-memory-hook\.sh["']?(\s|$)/.test(command);
}

/** Masks a secret in text printed to the terminal (diffs, snippets). */
export function maskSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('<redacted-token>') : text;
}
