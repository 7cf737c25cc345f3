import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../lib/core/capture/redact.js';

describe('redaction covers common secret formats', () => {
  const secrets: Array<[string, string, string]> = [
    ['~/.aws/credentials line', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['short bearer header', 'Authorization: Bearer abc123', 'abc123'],
    ['GitHub "token" scheme', 'Authorization: token 1234567890abcdef1234567890abcdef12345678', '1234567890abcdef'],
    ['lowercase env line', 'db_password=hunter2', 'hunter2'],
    ['JSON credentials', '{"password": "hunter2", "apiKey": "abcdef123456", "client_secret": "zzzyyyxxx"}', 'hunter2|abcdef123456|zzzyyyxxx'],
    ['YAML password', 'password: hunter2', 'hunter2'],
    ['camelCase key', 'apiKey=abcdef1234567890', 'abcdef1234567890'],
    ['.npmrc auth token', '//registry.npmjs.org/:_authToken=abcdef-1234-5678', 'abcdef-1234'],
    ['query-string token', 'https://api.example.com/v1?api_key=abcdef123456&access_token=xyz987654', 'abcdef123456|xyz987654'],
    ['PGP private key', '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----', 'lQOYBF'],
    ['Slack webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'XXXXXXXX'],
    ['Hugging Face token', 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH', 'hf_abc'],
    ['Azure account key', 'AccountName=foo;AccountKey=abcdEFGH1234ijklMNOP5678==;EndpointSuffix=core.windows.net', 'abcdEFGH'],
    ['cookie header', 'Cookie: session=abcdef0123456789abcdef', 'abcdef0123'],
    ['Docker registry auth', '{"auths": {"registry.example.com": {"auth": "dXNlcjpodW50ZXIyaHVudGVyMg=="}}}', 'dXNlcjpod'],
    ['mysql password flag', 'mysql -h db -u root -pHunter2Secret app < dump.sql', 'Hunter2Secret'],
    ['sshpass password', 'sshpass -p hunter2pass ssh deploy@host', 'hunter2pass'],
  ];
  for (const [name, text, secret] of secrets) {
    it(`removes a ${name}`, () => {
      const out = redact(text);
      assert.match(out, /\[REDACTED\]/);
      assert.doesNotMatch(out, new RegExp(secret), `${secret} survived in ${out}`);
    });
  }

  it('keeps JSON valid and the header scheme readable', () => {
    assert.deepEqual(JSON.parse(redact('{"password":"a b","token":"x"}')), { password: '[REDACTED]', token: '[REDACTED]' });
    assert.equal(redact('{"Authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}'), '{"Authorization":"Bearer [REDACTED]"}');
  });

  it('leaves code that only mentions secrets alone', () => {
    for (const code of ['const token = getToken();', 'token: string;', 'if (password == other) {', 'max_tokens=100', 'tokens: 5', 'const apiKey = process.env.API_KEY;', 'def check(password: str) -> bool:', 'std::token::Kind', 'passwordless login works', 'mysql -h db -p app', 'mysql --port 3306 -u root']) {
      assert.equal(redact(code), code);
    }
  });

  it('stays linear on long adversarial lines (hook bodies are redacted before capping)', () => {
    // "a." repeated made the URL-credentials pattern quadratic: 80 kB took ~1.6 s, 2 MB would block for minutes.
    for (const seed of ['a.', 'a-', 'password=', 'a.password', 'x://a:', 'authorization: bearer ', 'A_']) {
      const text = seed.repeat(Math.ceil(400_000 / seed.length));
      const started = performance.now();
      redact(text);
      const ms = performance.now() - started;
      assert.ok(ms < 1500, `${JSON.stringify(seed)} x ${text.length} took ${ms.toFixed(0)} ms`);
    }
  });
});
