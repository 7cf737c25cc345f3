import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadServerConfig } from '../../lib/config/config.js';
import { MemoryError } from '../../lib/core/errors.js';
import { CONFIG_TEMPLATE } from '../../lib/server/init.js';

const load = (configToml: string, env: Record<string, string> = {}) => loadServerConfig({ flags: {}, env, dataDir: '/data', configToml });

function refusal(configToml: string): string {
  try {
    load(configToml);
  } catch (error) {
    assert.ok(error instanceof MemoryError);
    assert.equal(error.code, 'INVALID_INPUT');
    return error.message;
  }
  assert.fail(`accepted: ${configToml}`);
}

describe('config.toml', () => {
  it('applies its settings below the environment and flags', () => {
    const text = '[server]\nport = 50001\nhost = "127.0.0.2"\n[sessions]\nidle_minutes = 5\n';
    const config = load(text);
    assert.equal(config.port, 50001);
    assert.equal(config.host, '127.0.0.2');
    assert.equal(config.sessionIdleMinutes, 5);
    assert.equal(load(text, { AI_MEMORY_PORT: '50002' }).port, 50002);
    assert.equal(loadServerConfig({ flags: { port: 50003 }, env: { AI_MEMORY_PORT: '50002' }, dataDir: '/data', configToml: text }).port, 50003);
  });

  it('sizes the handoff block from [handoff] budget_tokens or AI_MEMORY_HANDOFF_BUDGET_TOKENS, and refuses a useless size', () => {
    assert.equal(load('').handoffBudgetTokens, 1200);
    assert.equal(load('[handoff]\nbudget_tokens = 800\n').handoffBudgetTokens, 800);
    assert.equal(load('[handoff]\nbudget_tokens = 800\n', { AI_MEMORY_HANDOFF_BUDGET_TOKENS: '2000' }).handoffBudgetTokens, 2000);
    assert.match(refusal('[handoff]\nbudget_tokens = 50\n'), /handoff\.budget_tokens/);
    assert.throws(() => load('', { AI_MEMORY_HANDOFF_BUDGET_TOKENS: '100' }), /between 200 and 20000 tokens/);
  });

  it('refuses a misspelt key or section instead of quietly using the default, naming what it knows', () => {
    const key = refusal('[server]\nprot = 1\n');
    assert.match(key, /^config\.toml: server: .*prot/);
    assert.match(key, /known: host, port/);
    const section = refusal('[sever]\nport = 1\n');
    assert.match(section, /sever/);
    assert.match(section, /known: server, auth, sessions, watcher, index, handoff/);
    assert.match(refusal('[server]\nport = "x"\n'), /^config\.toml: server\.port: /);
    assert.match(refusal('[server\n'), /not valid TOML/);
  });

  it('accepts the commented template that init writes, with every setting switched on', () => {
    const enabled = CONFIG_TEMPLATE.replace(/^# ([a-z_]+ = .*)$/gm, '$1');
    assert.notEqual(enabled, CONFIG_TEMPLATE);
    const config = load(enabled);
    assert.equal(config.port, 49374);
    assert.equal(config.authToken, '...');
    assert.equal(config.sessionIdleMinutes, 30);
  });
});
