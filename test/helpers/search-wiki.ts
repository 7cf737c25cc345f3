import type { MemoryClient } from '../../lib/client/client.js';

/**
 * A small project wiki for the search-result tests (MCP, CLI, web): for the query "postgres",
 * pages that hold the word in their title, body or both, one that holds it once deep in a long
 * body (a weak match), one that holds it only in its title (its body starts with a plain first
 * paragraph), a superseded decision, and a concept page without the word that two matches link
 * to, so its link score beats the weak match.
 */
export const SHOP = { workspace: 'default', project: 'shop' };

export const SHOP_PAGES = {
  decision: 'decisions/orders-db.md',
  old: 'decisions/old-db.md',
  upgrade: 'notes/postgres-upgrade.md',
  weak: 'gotchas/replica-lag.md',
  titleOnly: 'rules/table-names.md',
  related: 'concepts/pooling.md',
};

const FILLER = 'The nightly report job reads from the replica and sometimes sees rows a few seconds behind the primary.';

export async function seedSearchWiki(client: MemoryClient): Promise<void> {
  const write = (path: string, body: string, extra: Record<string, unknown> = {}) => client.writePage({ ...SHOP, path, body, ...extra });
  await write(SHOP_PAGES.old, '# MySQL for orders\n\nThe orders service ran on MySQL 5.7 before Postgres.', { kind: 'decision' });
  await write(SHOP_PAGES.decision, '# Standardised on Postgres\n\nWe chose Postgres 16 for the orders service. Connections go through [[concepts/pooling]].', {
    kind: 'decision',
    supersedes: [SHOP_PAGES.old],
  });
  await write(SHOP_PAGES.upgrade, '# Postgres upgrade notes\n\nUpgrade postgres with pg_upgrade in link mode, then check [[concepts/pooling]] settings.');
  await write(SHOP_PAGES.weak, `# Replica lag\n\n${Array.from({ length: 12 }, () => FILLER).join(' ')} Postgres streaming replication is asynchronous. ${Array.from({ length: 12 }, () => FILLER).join(' ')}`, { kind: 'gotcha' });
  await write(SHOP_PAGES.titleOnly, '# Postgres table names\n\nTables are singular nouns & columns use snake_case.\n\n## Why\n\nOne spelling everywhere.', { kind: 'rule' });
  await write(SHOP_PAGES.related, '# Connection pooling\n\nEvery service reaches the database through PgBouncer in transaction mode.', { kind: 'concept' });
}
