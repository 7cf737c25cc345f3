/** Tree and commit objects as git stores them, parsed into the shapes isomorphic-git uses. */

export interface TreeEntry {
  /** Six digits, as isomorphic-git writes them back ('040000', '100644', '100755', '120000', '160000'). */
  mode: string;
  path: string;
  oid: string;
  type: 'tree' | 'blob' | 'commit';
}

export interface CommitObject {
  tree: string;
  parent: string[];
  author: { name: string; email: string; timestamp: number };
  committer: { name: string; email: string; timestamp: number };
  message: string;
}

/** Entries are `<mode> <name>\0<20-byte id>`, one after another. */
export function parseTree(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > content.length) throw new Error('git tree object is truncated');
    const mode = content.toString('latin1', at, space).padStart(6, '0');
    const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    entries.push({ mode, path: content.toString('utf8', space + 1, nul), oid: content.toString('hex', nul + 1, nul + 21), type });
    at = nul + 21;
  }
  return entries;
}

/** Header lines (`tree`, `parent`, `author`, `committer`, others skipped), a blank line, the message. */
export function parseCommit(content: Buffer): CommitObject {
  const text = content.toString('utf8');
  const end = text.indexOf('\n\n');
  const header = end === -1 ? text : text.slice(0, end);
  const commit: CommitObject = { tree: '', parent: [], author: person(''), committer: person(''), message: end === -1 ? '' : text.slice(end + 2) };
  for (const line of header.split('\n')) {
    // A continuation line (a signature's body) starts with a space and belongs to the line before.
    if (line.startsWith(' ')) continue;
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') commit.tree = value;
    else if (key === 'parent') commit.parent.push(value);
    else if (key === 'author') commit.author = person(value);
    else if (key === 'committer') commit.committer = person(value);
  }
  if (!/^[0-9a-f]{40}$/.test(commit.tree)) throw new Error('git commit object names no tree');
  return commit;
}

function person(value: string): CommitObject['author'] {
  const match = /^(.*?) ?<([^>]*)> (\d+)/.exec(value);
  return match ? { name: match[1]!, email: match[2]!, timestamp: Number(match[3]) } : { name: value, email: '', timestamp: 0 };
}
