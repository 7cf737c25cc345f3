import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/** A temp HOME and a temp project folder; the CLI runs with no ai-memory or agent variables. */
export interface Sandbox {
  home: string;
  project: string;
  env: Record<string, string>;
  run(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  write(path: string, text: string): string;
}

export async function sandbox(): Promise<Sandbox> {
  const root = await tempDir('aim-install-');
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  // Empty means unset for the installers; this keeps the developer's own variables out.
  const env = { HOME: home, AI_MEMORY_SERVER_URL: '', AI_MEMORY_AUTH_TOKEN: '', CLAUDE_CONFIG_DIR: '', CODEX_HOME: '', XDG_CONFIG_HOME: '', PI_CODING_AGENT_DIR: '' };
  return {
    home,
    project,
    env,
    run: async (args, extraEnv = {}) => {
      const result = await runCli(args, { env: { ...env, ...extraEnv }, cwd: project });
      assert.equal(result.code, 0, `ai-memory ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
      return result;
    },
    write: (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

export const read = (path: string) => readFileSync(path, 'utf8');

export function backupsOf(path: string): string[] {
  return readdirSync(dirname(path)).filter((name) => name.startsWith(`${basename(path)}.bak-`));
}

/**
 * The installer contract for one file: the dry run writes nothing, --apply changes the file and
 * backs up the original, a second --apply changes no byte and makes no backup, uninstall gives
 * the original back byte for byte. Returns the installed text for shape checks.
 */
export async function assertInstallCycle(box: Sandbox, path: string, install: string[], uninstall: string[], options: { created?: boolean } = {}): Promise<string> {
  const original = options.created ? null : read(path);
  const dry = await box.run(install);
  assert.match(dry.stdout, /would (update|create)/);
  assert.match(dry.stdout, /--apply/);
  if (original === null) assert.throws(() => read(path), /ENOENT/, 'the dry run creates nothing');
  else assert.equal(read(path), original, 'the dry run changes nothing');

  await box.run([...install, '--apply']);
  const installed = read(path);
  assert.notEqual(installed, original);
  if (original !== null) {
    assert.equal(backupsOf(path).length, 1, 'one backup before the change');
    assert.equal(read(join(dirname(path), backupsOf(path)[0]!)), original, 'the backup holds the original');
  } else assert.equal(backupsOf(path).length, 0);

  const again = await box.run([...install, '--apply', '--json']);
  assert.equal(read(path), installed, 'a second run changes no byte');
  assert.deepEqual((JSON.parse(again.stdout) as { changes: Array<{ action: string }> }).changes.map((c) => c.action), ['unchanged']);
  assert.equal(backupsOf(path).length, original === null ? 0 : 1, 'no backup when nothing changes');

  await box.run([...uninstall, '--apply']);
  if (original === null) assert.throws(() => read(path), /ENOENT/, 'uninstall removes a file only ai-memory wrote');
  else assert.equal(read(path), original, 'uninstall restores the original bytes');
  return installed;
}

/** Every `command` string in a parsed config, wherever it sits. */
export function commandsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(commandsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'command' && typeof v === 'string' ? [v] : commandsIn(v)));
}
