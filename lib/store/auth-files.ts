import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Secrets beside the data, outside the wiki (which syncs and is read by people): `auth/pepper`
 * (random, created by `ai-memory init` or at the first user) and `auth/users.json` (names and
 * salted token hashes, never tokens).
 */
export interface StoredUser {
  name: string;
  salt: string;
  hash: string;
  created: string;
  expired?: string;
  rotated?: string;
}

export function authDir(dataDir: string): string {
  return join(dataDir, 'auth');
}

export async function readPepper(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(join(authDir(dataDir), 'pepper'), 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

/** Returns the pepper, creating it (0600) when there is none yet. */
export async function ensurePepper(dataDir: string): Promise<string> {
  const existing = await readPepper(dataDir);
  if (existing) return existing;
  const pepper = randomBytes(32).toString('hex');
  await writeFileAtomic(join(authDir(dataDir), 'pepper'), `${pepper}\n`, 0o600);
  return pepper;
}

export async function readUsers(dataDir: string): Promise<StoredUser[]> {
  try {
    const parsed = JSON.parse(await readFile(join(authDir(dataDir), 'users.json'), 'utf8')) as { users?: StoredUser[] };
    return Array.isArray(parsed.users) ? parsed.users : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function writeUsers(dataDir: string, users: StoredUser[]): Promise<void> {
  await writeFileAtomic(join(authDir(dataDir), 'users.json'), `${JSON.stringify({ users }, null, 2)}\n`, 0o600);
}
