/**
 * Files a shell command clearly writes, read from the command line alone: Codex reports an
 * edit made through its shell (`sed -i`, `> file`, `tee`) as a Bash call whose payload is the
 * command and its output, with no list of files. Only the forms whose target is plain on the
 * line count: `>` / `>>` to a file, `tee [-a] file...`, `sed -i ... file...`, and the same
 * inside `bash -c '...'`. A command that changes directory first, or a target built from a
 * variable, a glob or a substitution, names no file we can place: nothing is guessed.
 */
export function filesWrittenBy(command: string, depth = 0): string[] {
  if (depth > 2) return [];
  const words = shellWords(command);
  if (words === null) return [];
  const files: string[] = [];
  for (const segment of segments(words)) {
    // Words that are not redirection targets: the command and its arguments.
    const [head, ...args] = segment.filter((w, i) => w.kind === 'word' && segment[i - 1]?.kind !== 'op').map((w) => w.text);
    // Paths after a cd are relative to a folder we do not know.
    if (head === 'cd' || head === 'pushd') return [];
    segment.forEach((word, i) => {
      const target = segment[i + 1];
      if (word.kind === 'op' && (word.text === '>' || word.text === '>>' || word.text === '>|') && target?.kind === 'word') files.push(target.text);
    });
    if (head === undefined) continue;
    if (head === 'tee') files.push(...args.filter((a) => !a.startsWith('-')));
    if (head === 'sed' && args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) files.push(...sedFiles(args));
    if (/^(?:ba|z|da)?sh$/.test(head) && args.length === 2 && /^-[a-z]*c$/.test(args[0]!)) files.push(...filesWrittenBy(args[1]!, depth + 1));
  }
  return [...new Set(files.filter(isPlainPath))];
}

interface Word {
  kind: 'word' | 'op';
  /** The word with its quotes removed; `quoted` words are never operators. */
  text: string;
}

// Output redirections go to the file after them; `2>` and `&>` carry errors, `>&2` a descriptor.
const OPERATORS = ['<<<', '>>', '>|', '&&', '||', '2>>', '2>', '&>', '>&', '<<-', '<<', '>', '<', '|', ';', '&', '\n'];

/** The command split into words and operators, quotes removed and heredoc bodies skipped; null when unbalanced. */
function shellWords(command: string): Word[] | null {
  const out: Word[] = [];
  const heredocs: string[] = [];
  let i = 0;
  let current: string | null = null;
  const flush = () => {
    if (current !== null) out.push({ kind: 'word', text: current });
    current = null;
  };
  while (i < command.length) {
    const c = command[i]!;
    if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      if (end < 0) return null;
      current = (current ?? '') + command.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      current = (current ?? '') + (command[i + 1] ?? '');
      i += 2;
      continue;
    }
    const op = OPERATORS.find((o) => command.startsWith(o, i) && (o !== '2>' && o !== '2>>' ? true : current === null));
    if (op) {
      flush();
      out.push({ kind: 'op', text: op });
      i += op.length;
      if (op === '<<' || op === '<<-') heredocs.push('');
      if (op === '\n' && heredocs.length > 0) i = skipHeredocs(command, i, out, heredocs);
      continue;
    }
    if (c === ' ' || c === '\t') {
      flush();
      i += 1;
      continue;
    }
    current = (current ?? '') + c;
    i += 1;
  }
  flush();
  return out;
}

/** Skips the bodies of the heredocs opened on the line just ended; their delimiters follow each `<<`. */
function skipHeredocs(command: string, from: number, words: Word[], pending: string[]): number {
  const delimiters = words.flatMap((w, k) => (w.kind === 'op' && (w.text === '<<' || w.text === '<<-') && words[k + 1]?.kind === 'word' ? [words[k + 1]!.text] : []));
  let at = from;
  for (const delimiter of delimiters.slice(-pending.length)) {
    const lines = command.slice(at).split('\n');
    const end = lines.findIndex((line) => line.trim() === delimiter);
    at = end < 0 ? command.length : at + lines.slice(0, end + 1).join('\n').length + 1;
  }
  pending.length = 0;
  return Math.min(at, command.length);
}

/** Simple commands: the words between `;`, `&&`, `||`, `|`, `&` and line ends. */
function segments(words: Word[]): Word[][] {
  const out: Word[][] = [[]];
  for (const word of words) {
    if (word.kind === 'op' && ['&&', '||', '|', ';', '&', '\n'].includes(word.text)) out.push([]);
    else out.at(-1)!.push(word);
  }
  return out.filter((s) => s.length > 0);
}

/** `sed -i[SUFFIX] [-e SCRIPT | SCRIPT] FILE...`: the files follow the script. */
function sedFiles(args: string[]): string[] {
  const rest: string[] = [];
  let scripted = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '-e' || arg === '-f' || arg === '--expression' || arg === '--file') {
      scripted = true;
      k += 1;
    } else if (arg !== '' && !arg.startsWith('-')) rest.push(arg);
  }
  return scripted ? rest : rest.slice(1);
}

/** A path as written: not a descriptor, a device, a variable, a glob, a substitution or a home path. */
function isPlainPath(path: string): boolean {
  return path !== '' && !path.startsWith('&') && !path.startsWith('/dev/') && !path.startsWith('~') && !/[$`*?[\]{}()<>|;]/.test(path) && path.length < 1024;
}
