/**
 * A small, dependency-free code highlighter for fenced code blocks: comments, strings, numbers
 * and keywords of the languages agents mostly write about. It runs on the sanitized tree and only
 * splits text into spans, so it can add no markup beyond `<span class="tok-*">`.
 */
export interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const KEYWORDS = new Set(
  (
    'abstract as async await break case catch class const continue def default defer del do elif else enum export extends ' +
    'false final finally fn for from func function go if impl import in interface is lambda let loop match mod module mut ' +
    'new nil None not null or pass private protected pub public raise return select self static struct super switch then ' +
    'this throw True true try type typeof undefined use var void while with yield fi done esac echo local package ' +
    'SELECT FROM WHERE INSERT INTO UPDATE DELETE CREATE TABLE INDEX JOIN LEFT RIGHT ON AND OR NOT NULL ORDER BY GROUP LIMIT VALUES SET AS'
  ).split(' '),
);

// One alternation, tried left to right at each position: comment, string, number, word.
const TOKEN =
  /(\/\/[^\n]*|#(?![{[])[^\n]*|--[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)|([A-Za-z_][\w]*)/gi;

const COMMENT_STYLES: Record<string, RegExp> = {
  hash: /^(py|python|sh|bash|shell|zsh|yaml|yml|toml|rb|ruby|r|perl|dockerfile|make|makefile|conf|ini)$/,
  dash: /^(sql|lua|haskell|hs)$/,
};

export function highlightCodeBlocks(tree: HastNode): void {
  visit(tree, (node, parent) => {
    if (node.tagName !== 'code' || parent?.tagName !== 'pre') return;
    const language = languageOf(node);
    if (!language) return;
    const text = (node.children ?? []).map((c) => c.value ?? '').join('');
    node.children = tokenize(text, language);
  });
}

function languageOf(node: HastNode): string | null {
  const classes = node.properties?.className;
  if (!Array.isArray(classes)) return null;
  const found = classes.find((c): c is string => typeof c === 'string' && c.startsWith('language-'));
  return found ? found.slice('language-'.length).toLowerCase() : null;
}

function tokenize(text: string, language: string): HastNode[] {
  const hashComments = COMMENT_STYLES.hash!.test(language);
  const dashComments = COMMENT_STYLES.dash!.test(language);
  const out: HastNode[] = [];
  let last = 0;
  const push = (value: string, kind?: string) => {
    if (!value) return;
    out.push(kind ? { type: 'element', tagName: 'span', properties: { className: [`tok-${kind}`] }, children: [{ type: 'text', value }] } : { type: 'text', value });
  };
  for (const match of text.matchAll(TOKEN)) {
    const [whole, comment, string, number, word] = match;
    let kind: string | undefined;
    if (comment !== undefined) {
      const style = comment.startsWith('#') ? hashComments : comment.startsWith('--') ? dashComments : true;
      if (!style) continue; // `#` in JS, `--` in shell: plain text, keep scanning after it
      kind = 'comment';
    } else if (string !== undefined) kind = 'string';
    else if (number !== undefined) kind = 'number';
    else if (word !== undefined && KEYWORDS.has(word)) kind = 'keyword';
    else continue;
    push(text.slice(last, match.index));
    push(whole, kind);
    last = match.index + whole.length;
  }
  push(text.slice(last));
  return out;
}

/** Calls `fn` on every node of a tree, parents before children. */
export function visit(node: HastNode, fn: (node: HastNode, parent: HastNode | null) => void, parent: HastNode | null = null): void {
  fn(node, parent);
  for (const child of node.children ?? []) visit(child, fn, node);
}
