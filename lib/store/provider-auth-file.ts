import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/**
 * `<data>/auth.json`: the sign-ins of subscription-backed LLM providers (refresh tokens, GitHub
 * tokens). Owner-only (0600), outside the wiki and outside backups: a token belongs to this
 * machine's login, and a restore elsewhere signs in again. The only file that holds them.
 */
export interface ProviderSignIn {
  /** The long-lived credential: an OAuth refresh token, a GitHub token. */
  refresh_token?: string;
  access_token?: string;
  /** When the access token stops working (ISO instant). */
  expires_at?: string;
  account_id?: string;
  signed_in_at: string;
}

export type ProviderAuthFile = Record<string, ProviderSignIn>;

export const providerAuthPath = (dataDir: string) => join(dataDir, 'auth.json');

export async function readProviderAuth(dataDir: string): Promise<ProviderAuthFile> {
  let text: string;
  try {
    text = await readFile(providerAuthPath(dataDir), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ProviderAuthFile) : {};
  } catch {
    return {};
  }
}

export async function saveProviderSignIn(dataDir: string, provider: string, signIn: ProviderSignIn | null): Promise<void> {
  const all = await readProviderAuth(dataDir);
  if (signIn) all[provider] = signIn;
  else delete all[provider];
  if (Object.keys(all).length === 0) {
    await rm(providerAuthPath(dataDir), { force: true });
    return;
  }
  await writeFileAtomic(providerAuthPath(dataDir), `${JSON.stringify(all, null, 2)}\n`, 0o600);
}

export async function providerAuthMode(dataDir: string): Promise<number | null> {
  try {
    return (await stat(providerAuthPath(dataDir))).mode & 0o777;
  } catch {
    return null;
  }
}
