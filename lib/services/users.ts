import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { OPEN, type Actor } from '../core/actor.js';
import { MemoryError, notFound } from '../core/errors.js';
import { appendAudit } from '../store/audit-log.js';
import { ensurePepper, readPepper, readUsers, writeUsers, type StoredUser } from '../store/auth-files.js';
import type { ServiceDeps } from './deps.js';

export type { UserView } from '../core/contract.js';
import type { UserView } from '../core/contract.js';

const NAME = /^[a-z][a-z0-9._-]{0,31}$/;
/** Names the audit log and git already use for the root token, open access and the server. */
const RESERVED_USER_NAMES = new Set(['root', 'open', 'ai-memory', 'admin', 'system']);

/**
 * Optional multi-user attribution (off until the first user exists). A user's token
 * authenticates like the root token; only a salted, peppered hash of it is stored, and the
 * token itself is shown once, when it is issued.
 */
export function createUserService(deps: ServiceDeps) {
  const dataDir = deps.store.layout.root;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  let cache: { users: StoredUser[]; pepper: string | null } | null = null;

  async function load() {
    cache ??= { users: await readUsers(dataDir), pepper: await readPepper(dataDir) };
    return cache;
  }

  async function save(users: StoredUser[], actor: Actor, action: string, name: string): Promise<void> {
    await writeUsers(dataDir, users);
    cache = { users, pepper: await readPepper(dataDir) };
    await appendAudit(deps.store.layout.logs, { at: now(), actor: actor.kind === 'user' ? actor.name : actor.kind, action, details: { user: name } });
  }

  function issue(pepper: string): { token: string; salt: string; hash: string } {
    const token = `aim_${randomBytes(24).toString('base64url')}`;
    const salt = randomBytes(16).toString('hex');
    return { token, salt, hash: hashToken(pepper, salt, token) };
  }

  function find(users: StoredUser[], name: string): StoredUser {
    const user = users.find((u) => u.name === name);
    if (!user) throw notFound(`no user ${JSON.stringify(name)}`);
    return user;
  }

  const view = (u: StoredUser): UserView => ({ name: u.name, created: u.created, active: !u.expired, ...(u.expired ? { expired: u.expired } : {}), ...(u.rotated ? { rotated: u.rotated } : {}) });

  return {
    async hasUsers(): Promise<boolean> {
      return (await load()).users.length > 0;
    },
    async list(): Promise<UserView[]> {
      return (await load()).users.map(view);
    },
    async add(name: string, actor: Actor): Promise<UserView & { token: string }> {
      if (typeof name !== 'string' || !NAME.test(name)) throw new MemoryError('INVALID_NAME', 'a user name is 1-32 characters: a-z first, then a-z, 0-9, ".", "_" or "-"');
      if (RESERVED_USER_NAMES.has(name)) throw new MemoryError('INVALID_NAME', `user name ${name} is reserved: audits and commits use it for the root token, open access or the server itself; choose another`);
      const { users } = await load();
      if (users.some((u) => u.name === name)) throw new MemoryError('CONFLICT', `user ${name} exists; use \`ai-memory user rotate-token ${name}\` for a new token`);
      const pepper = await ensurePepper(dataDir);
      const { token, salt, hash } = issue(pepper);
      const user: StoredUser = { name, salt, hash, created: now() };
      await save([...users, user], actor, 'user.add', name);
      return { ...view(user), token };
    },
    async expire(name: string, actor: Actor): Promise<UserView> {
      const { users } = await load();
      const user = { ...find(users, name), expired: now() };
      await save(users.map((u) => (u.name === name ? user : u)), actor, 'user.expire', name);
      return view(user);
    },
    async revive(name: string, actor: Actor): Promise<UserView> {
      const { users } = await load();
      const { expired: _expired, ...user } = find(users, name);
      await save(users.map((u) => (u.name === name ? user : u)), actor, 'user.revive', name);
      return view(user);
    },
    async rotateToken(name: string, actor: Actor): Promise<UserView & { token: string }> {
      const { users } = await load();
      find(users, name);
      const { token, salt, hash } = issue(await ensurePepper(dataDir));
      const user: StoredUser = { ...find(users, name), salt, hash, rotated: now() };
      await save(users.map((u) => (u.name === name ? user : u)), actor, 'user.rotate-token', name);
      return { ...view(user), token };
    },
    /** The user a token belongs to, or null. Every active user is checked, in constant time each. */
    async authenticate(token: string): Promise<Actor | null> {
      const { users, pepper } = await load();
      if (!pepper || !token.startsWith('aim_')) return null;
      let found: Actor | null = null;
      for (const user of users) {
        if (user.expired) continue;
        if (safeEqual(hashToken(pepper, user.salt, token), user.hash)) found = { kind: 'user', name: user.name };
      }
      return found;
    },
    /** Drops the cache, for a test or an operator who edited users.json by hand. */
    reload(): void {
      cache = null;
    },
    open: OPEN,
  };
}

export type UserService = ReturnType<typeof createUserService>;

function hashToken(pepper: string, salt: string, token: string): string {
  return createHmac('sha256', pepper).update(`${salt}:${token}`).digest('hex');
}

/** Equal-length comparison in constant time; different lengths are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
