import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cap, REDACTED, redact, redactAndCap } from '../../lib/core/capture/redact.js';

describe('redaction of captured text', () => {
  const secrets: Array<[string, string]> = [
    ['OpenAI key', 'use sk-proj-abcdefghijklmnopqrstuvwx1234 now'],
    ['Anthropic key', 'key sk-ant-api03-abcdefghijklmnopqrstuvwxyz'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['GitHub PAT', 'github_pat_11ABCDEFG0123456789abcdefghijk'],
    ['AWS key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['Bearer header', 'Authorization: Bearer abcdef0123456789abcdef'],
    ['env assignment', 'export STRIPE_SECRET_KEY=sk_live_abcdefghijklmnop'],
    ['generic token var', 'GITHUB_TOKEN="abc123def456"'],
    ['password in URL', 'postgres://admin:hunter2@db.internal:5432/app'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['Slack token', 'xoxb-1234567890-abcdefghij'],
    ['PEM block', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
  ];
  for (const [name, text] of secrets) {
    it(`removes a ${name}`, () => {
      const out = redact(text);
      assert.match(out, /\[REDACTED\]/);
      const secret = text.match(/(sk-[\w-]+|ghp_\w+|github_pat_\w+|AKIA\w+|abcdef0123456789abcdef|sk_live_\w+|abc123def456|hunter2|eyJ[\w.-]+|xoxb-[\w-]+|MIIEowIBAAKCAQEA)/)![0];
      assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
    });
  }

  // Short clean strings (a session's cwd and id) are remembered as clean; a secret never is.
  it('masks a secret every time it comes, also after the same text was seen clean', () => {
    const cwd = '/home/dev/src/acme-api';
    assert.equal(redact(cwd), cwd);
    assert.equal(redact(cwd), cwd);
    for (let i = 0; i < 3; i += 1) {
      const out = redact(`${cwd} GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789`);
      assert.ok(!out.includes('ghp_abcdef'), out);
      assert.equal(redact('AKIAIOSFODNN7EXAMPLE'), REDACTED);
    }
  });

  it('keeps the names and ordinary text around secrets', () => {
    assert.equal(redact('API_KEY=abc123 and GITHUB_TOKEN: xyz'), `API_KEY=${REDACTED} and GITHUB_TOKEN: ${REDACTED}`);
    assert.equal(redact('postgres://admin:hunter2@db'), `postgres://admin:${REDACTED}@db`);
    assert.equal(redact('npm test passed in 41ms'), 'npm test passed in 41ms');
  });

  it('caps after redacting, keeping head and tail', () => {
    const capped = cap('a'.repeat(5000) + 'MIDDLE' + 'z'.repeat(5000), 2048);
    assert.ok(Buffer.byteLength(capped) <= 2048);
    assert.match(capped, /^a+\n\.\.\.\[truncated \d+ bytes\]\.\.\.\nz+$/);
    // A secret that straddles the cut is gone, not half-kept.
    const straddling = `${'x'.repeat(1000)} sk-proj-${'k'.repeat(40)} ${'y'.repeat(1000)}`;
    assert.ok(!redactAndCap(straddling, 1024).includes('sk-proj'));
  });
});
