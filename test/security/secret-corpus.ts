/**
 * A corpus of fake secrets shaped like real ones, and of look-alikes that are not secrets,
 * generated from templates with a seeded random source (no real secret is ever committed, and
 * every run sees the same corpus). Shapes follow the providers' documented token formats.
 */
export interface Sample {
  kind: string;
  text: string;
  /** The part that must not survive redaction (secrets only). */
  secret?: string;
}

export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chars = (rand: Rand, alphabet: string, n: number) => Array.from({ length: n }, () => pick(rand, [...alphabet])).join('');

/** Secret generators: the value only; a context template places it in a sentence or a file. */
const SECRETS: Array<[kind: string, make: (r: Rand) => string]> = [
  ['aws-access-key-id', (r) => `AKIA${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`],
  ['github-classic', (r) => `${pick(r, ['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(r, ALNUM, 36)}`],
  ['github-fine-grained', (r) => `github_pat_${chars(r, ALNUM, 22)}_${chars(r, ALNUM, 59)}`],
  ['gitlab', (r) => `glpat-${chars(r, `${ALNUM}-_`, 20)}`],
  ['slack-bot', (r) => `xoxb-${chars(r, DIGITS, 12)}-${chars(r, DIGITS, 13)}-${chars(r, ALNUM, 24)}`],
  ['stripe', (r) => `${pick(r, ['sk', 'rk'])}_live_${chars(r, ALNUM, 24)}`],
  ['openai', (r) => `sk-proj-${chars(r, B64URL, 48)}`],
  ['anthropic', (r) => `sk-ant-api03-${chars(r, B64URL, 93)}AA`],
  ['google-api', (r) => `AIza${chars(r, B64URL, 35)}`],
  ['npm', (r) => `npm_${chars(r, ALNUM, 36)}`],
  ['huggingface', (r) => `hf_${chars(r, ALNUM, 34)}`],
  ['twilio', (r) => `SK${chars(r, HEX, 32)}`],
  ['sendgrid', (r) => `SG.${chars(r, B64URL, 22)}.${chars(r, B64URL, 43)}`],
  ['shopify', (r) => `shpat_${chars(r, HEX, 32)}`],
  ['databricks', (r) => `dapi${chars(r, HEX, 32)}`],
  ['linear', (r) => `lin_api_${chars(r, ALNUM, 40)}`],
  ['jwt', (r) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${chars(r, B64URL, 40)}.${chars(r, B64URL, 43)}`],
  ['aws-secret-in-prose', (r) => chars(r, B64, 40)],
  ['rails-secret-key-base', (r) => chars(r, HEX, 128)],
  ['django-secret-key', (r) => chars(r, `${ALNUM}!@#%^&*(-_=+)`, 50)],
  ['hex-signing-key', (r) => chars(r, HEX, 64)],
  ['azure-account-key', (r) => `${chars(r, B64, 86)}==`],
  ['digitalocean', (r) => `dop_v1_${chars(r, HEX, 64)}`],
  ['mailgun', (r) => `key-${chars(r, HEX, 32)}`],
];

/** Where a secret appears: prose, env files, JSON, YAML, headers, command lines. */
const CONTEXTS: Array<(value: string, r: Rand) => string> = [
  (v) => `export API_KEY=${v}`,
  (v) => `{"api_key": "${v}", "region": "eu-west-1"}`,
  (v) => `secret: ${v}`,
  (v) => `Authorization: Bearer ${v}`,
  (v) => `here is my token ${v} please use it`,
  (v) => `client_secret = "${v}"`,
  (v) => `the access key is ${v}.`,
  (v) => `SECRET_KEY_BASE = "${v}"`,
  (v) => `  password: '${v}'`,
  (v) => `curl -H "X-Api-Key: ${v}" https://api.example.com/v1/items`,
];

/** Secrets whose shape carries its own context: a URL, a header, a command line, a key block. */
const SELF_CONTAINED: Array<[kind: string, make: (r: Rand) => Sample]> = [
  ['db-url', (r) => {
    const pass = chars(r, ALNUM, 12 + Math.floor(r() * 8));
    return { kind: 'db-url', secret: pass, text: `${pick(r, ['postgres', 'mysql', 'mongodb', 'redis', 'amqp'])}://${pick(r, ['app', 'admin', 'svc'])}:${pass}@db${Math.floor(r() * 9)}.internal:5432/main` };
  }],
  ['curl-user', (r) => {
    const pass = chars(r, ALNUM, 8 + Math.floor(r() * 10));
    return { kind: 'curl-user', secret: pass, text: `curl ${pick(r, ['-u', '--user'])} ${pick(r, ['admin', 'deploy', 'ci'])}:${pass} https://jenkins.example.com/api/json` };
  }],
  ['basic-header', (r) => {
    const value = Buffer.from(`${pick(r, ['alice', 'bob'])}:${chars(r, ALNUM, 14)}`).toString('base64');
    return { kind: 'basic-header', secret: value, text: `Authorization: Basic ${value}` };
  }],
  ['pem', (r) => {
    const body = chars(r, B64, 64);
    return { kind: 'pem', secret: body, text: `-----BEGIN ${pick(r, ['RSA ', 'EC ', 'OPENSSH ', ''])}PRIVATE KEY-----\n${body}\n${chars(r, B64, 64)}\n-----END PRIVATE KEY-----` };
  }],
  ['slack-webhook', (r) => {
    const value = `https://hooks.slack.com/services/T${chars(r, UPPER + DIGITS, 8)}/B${chars(r, UPPER + DIGITS, 8)}/${chars(r, ALNUM, 24)}`;
    return { kind: 'slack-webhook', secret: value.slice(-24), text: `webhook: ${value}` };
  }],
  ['npmrc', (r) => {
    const value = chars(r, ALNUM, 36);
    return { kind: 'npmrc', secret: value, text: `//registry.npmjs.org/:_authToken=${value}` };
  }],
  ['mysql-flag', (r) => {
    const pass = chars(r, ALNUM, 12);
    return { kind: 'mysql-flag', secret: pass, text: `mysql -h db -u root -p${pass} app < dump.sql` };
  }],
  ['aws-prose', (r) => {
    const value = chars(r, B64, 40);
    return { kind: 'aws-prose', secret: value, text: `My AWS secret access key is ${value} and the region is us-east-1` };
  }],
];

export function secretCorpus(seed = 14): Sample[] {
  const r = seeded(seed);
  const out: Sample[] = [];
  for (const [kind, make] of SECRETS) {
    for (let i = 0; i < 8; i++) {
      const value = make(r);
      // Provider tokens are recognisable anywhere; generic random values need a key-like context.
      const context = pick(r, CONTEXTS);
      out.push({ kind, text: context(value, r), secret: value });
    }
  }
  for (const [, make] of SELF_CONTAINED) for (let i = 0; i < 8; i++) out.push(make(r));
  return out;
}

/** Text that looks like a secret to a naive scanner and is not one. */
const LOOK_ALIKES: Array<[kind: string, make: (r: Rand) => string]> = [
  ['code-echo', (r) => pick(r, ['self.token = token', 'this.password = password;', 'api_key = api_key', 'token: token,'])],
  ['code-reference', (r) => pick(r, ['const apiKey = config.apiKey;', 'token = getAccessTokenFromCache()', 'password = os.environ["DB_PASSWORD"]', 'secret = settings.SECRET'])],
  ['types', (r) => pick(r, ['token: string;', 'def login(password: str) -> bool:', 'secret?: Buffer', 'apiKey: Option<String>'])],
  ['git-sha', (r) => `${pick(r, ['commit', 'HEAD is now at', 'merged', 'reverts'])} ${chars(r, HEX, 40)}`],
  ['short-sha', (r) => `${chars(r, HEX, 7)} ${pick(r, ['Fix token refresh', 'Rotate secret handling', 'Add key parser'])}`],
  ['lockfile-integrity', (r) => `"integrity": "sha512-${chars(r, B64, 86)}=="`],
  ['lockfile-resolved', (r) => `"resolved": "https://registry.npmjs.org/@auth/core/-/core-0.${Math.floor(r() * 40)}.${Math.floor(r() * 9)}.tgz"`],
  ['uuid', (r) => `"${pick(r, ['request_id', 'token_id', 'session_id', 'key_id'])}": "${chars(r, HEX, 8)}-${chars(r, HEX, 4)}-4${chars(r, HEX, 3)}-a${chars(r, HEX, 3)}-${chars(r, HEX, 12)}"`],
  ['base64-image', (r) => `<img alt="key diagram" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${chars(r, B64, 120)}">`],
  ['checksum', (r) => `${chars(r, HEX, 64)}  ai-memory-0.${Math.floor(r() * 9)}.0.tgz`],
  ['docker-digest', (r) => `image: ghcr.io/example/api@sha256:${chars(r, HEX, 64)}`],
  ['k8s-pod', (r) => `pod/web-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 10)}-${chars(r, 'bcdfghjklmnpqrstvwxz2456789', 5)} Running`],
  ['identifiers', (r) => pick(r, ['MAX_TOKEN_LENGTH = 4096', 'token_type = "bearer"', 'password_reset_token_expiry_hours = 24', 'max_tokens=100', 'tokens: 5', 'SECRET_ROTATION_INTERVAL_DAYS=30'])],
  ['test-names', (r) => pick(r, ['should_reject_expired_access_token_when_refreshing', 'it rejects a password_reset_token_that_was_already_used', 'testSecretKeyRotationSchedulesNextRun'])],
  ['prose', (r) => pick(r, ['The key insight is that the token bucket refills every second.', 'Passwords are hashed with argon2id before they are stored.', 'We rotate the signing key every 90 days; see docs/security.md.', 'Set the token in your environment, never in the repo.'])],
  ['hashed-filenames', (r) => `dist/assets/index-${chars(r, `${LOWER}${DIGITS}`, 8)}.js  ${Math.floor(r() * 900)}.${Math.floor(r() * 99)} kB`],
  ['public-ssh-key', (r) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${chars(r, B64, 43)} dev@laptop`],
  ['paths', (r) => `/home/dev/projects/${pick(r, ['token-service', 'secret-manager', 'auth-gateway'])}/src/${pick(r, ['handlers', 'lib'])}/refresh_access_token_handler.ts`],
  ['url-user-only', (r) => `git clone https://${pick(r, ['alice', 'ci-bot'])}@github.com/example/${pick(r, ['keys', 'tokens'])}.git`],
  ['versions', (r) => `"@auth/core": "^0.${Math.floor(r() * 40)}.${Math.floor(r() * 9)}", "jsonwebtoken": "^9.0.${Math.floor(r() * 3)}"`],
  ['sourcemap', (r) => `"mappings": "${Array.from({ length: 12 }, () => chars(r, 'ACEGIKMOQSUWYacegikmoqsuwy', 4)).join(',')}"`],
  ['css', (r) => `.token-badge { color: #${chars(r, HEX, 6)}; border: 1px solid #${chars(r, HEX, 6)}; }`],
  ['log-line', (r) => `2026-12-05T21:0${Math.floor(r() * 9)}:11Z INFO token refreshed for user ${Math.floor(r() * 9999)} in ${Math.floor(r() * 300)}ms`],
  ['env-reference', (r) => pick(r, ['API_KEY=${API_KEY}', 'export GITHUB_TOKEN=$(gh auth token)', 'password: ${{ secrets.DB_PASSWORD }}', 'AWS_SECRET_ACCESS_KEY=<your secret key>'])],
];

export function lookAlikeCorpus(seed = 41): Sample[] {
  const r = seeded(seed);
  const out: Sample[] = [];
  for (const [kind, make] of LOOK_ALIKES) for (let i = 0; i < 10; i++) out.push({ kind, text: make(r) });
  return out;
}
