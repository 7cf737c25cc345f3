import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { assertInstallCycle, read, sandbox } from './helpers.js';

const NODE = process.execPath;
const PACKAGE = join(import.meta.dirname, '../..');

// A user's openclaw.json (JSON5 is OpenClaw's format; the JSON subset with comments is what we edit).
const CONFIG = `{
  // my gateway
  "update": { "checkOnStart": false },
  "plugins": {
    "load": { "paths": ["~/src/voice-call-plugin"] },
    "entries": {
      "voice-call": { "enabled": true, "config": { "provider": "twilio" } }
    }
  }
}
`;

describe('install-hooks --agent openclaw', () => {
  it('lists the plugin folder and its entry in openclaw.json, keeps the user plugins, and uninstall restores the bytes', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.openclaw/openclaw.json'), CONFIG);
    const env = { AI_MEMORY_AUTH_TOKEN: 'aim_claw' };
    const installed = await assertInstallCycle({ ...box, run: (args) => box.run(args, env) }, path, ['install-hooks', '--agent', 'openclaw', '--server-url', 'http://127.0.0.1:8765'], ['uninstall', '--agent', 'openclaw']);
    const plugins = (JSON.parse(installed.replace(/^\s*\/\/.*$/m, '')) as { plugins: { load: { paths: string[] }; entries: Record<string, unknown> } }).plugins;
    assert.deepEqual(plugins.load.paths, ['~/src/voice-call-plugin', `${PACKAGE}/hooks/openclaw`]);
    assert.deepEqual(plugins.entries['voice-call'], { enabled: true, config: { provider: 'twilio' } });
    assert.deepEqual(plugins.entries['ai-memory'], {
      enabled: true,
      // The plugin reads the prompt and the reply: OpenClaw asks for this grant for non-bundled plugins.
      hooks: { allowConversationAccess: true },
      config: { node: NODE, bin: `${PACKAGE}/bin/ai-memory`, args: ['--server-url', 'http://127.0.0.1:8765', '--auth-token', 'aim_claw'] },
    });
    assert.match(installed, /\/\/ my gateway/, 'the user comment stays');
  });

  it('creates openclaw.json where OPENCLAW_STATE_DIR puts it, and uninstall removes the file it created', async () => {
    const box = await sandbox();
    const state = join(box.home, 'claw-state');
    const path = join(state, 'openclaw.json');
    const text = await assertInstallCycle({ ...box, run: (args) => box.run(args, { OPENCLAW_STATE_DIR: state }) }, path, ['install-hooks', '--agent', 'openclaw'], ['uninstall', '--agent', 'openclaw'], { created: true });
    assert.deepEqual(JSON.parse(text).plugins.load.paths, [`${PACKAGE}/hooks/openclaw`]);
    // install-mcp writes the same file: both entries live side by side and leave together.
    await box.run(['install-hooks', '--agent', 'openclaw', '--apply'], { OPENCLAW_STATE_DIR: state });
    await box.run(['install-mcp', '--client', 'openclaw', '--apply'], { OPENCLAW_STATE_DIR: state });
    const both = JSON.parse(read(path));
    assert.ok(both.plugins.entries['ai-memory'] && both.mcp.servers['ai-memory'], JSON.stringify(both));
    await box.run(['uninstall', '--agent', 'openclaw', '--client', 'openclaw', '--apply'], { OPENCLAW_STATE_DIR: state });
    assert.throws(() => read(path), /ENOENT/);
  });

  it('upgrade points an install of an older package at this one, keeping its flags and the folder position', async () => {
    const box = await sandbox();
    const path = box.write(join(box.home, '.openclaw/openclaw.json'), CONFIG);
    await box.run(['install-hooks', '--agent', 'openclaw', '--server-url', 'http://127.0.0.1:8765', '--apply']);
    const installed = read(path);
    // As an install from a package that has since moved left it.
    box.write(path, installed.replaceAll(PACKAGE, '/opt/old-ai-memory').replaceAll(NODE, '/opt/old-node/bin/node'));
    await box.run(['upgrade', '--apply']);
    assert.equal(read(path), installed, 'the entry and the folder are those of this package again');
    await box.run(['uninstall', '--agent', 'openclaw', '--apply']);
    assert.equal(read(path), CONFIG);
  });

  it('refuses a project scope and a plugins.load.paths that is not a list, touching nothing', async () => {
    const box = await sandbox();
    const project = await runCli(['install-hooks', '--agent', 'openclaw', '--scope', 'project'], { env: box.env, cwd: box.project });
    assert.equal(project.code, 2);
    assert.match(project.stderr, /openclaw has no project-level config for hooks; use --scope user/);
    const odd = '{ "plugins": { "load": { "paths": "~/one" } } }\n';
    const path = box.write(join(box.home, '.openclaw/openclaw.json'), odd);
    const refused = await runCli(['install-hooks', '--agent', 'openclaw', '--apply'], { env: box.env, cwd: box.project });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /plugins\.load\.paths in .*openclaw\.json is not a list; fix it by hand first/);
    assert.equal(read(path), odd);
  });
});
