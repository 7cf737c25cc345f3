import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { highlightCodeBlocks, visit, type HastNode } from './highlight.js';
import { trusted, type SafeHtml } from './html.js';
import { WIKILINK } from './wikilink-syntax.js';

/** Where a `[[target]]` goes: a URL for a page that exists, null for one that does not (yet). */
export type WikilinkResolver = (target: string) => { href: string; title: string } | null;

// GitHub's sanitize schema (no script, no event handlers, no javascript: URLs), plus the classes
// our own wikilinks and highlighted code carry.
const schema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [
      ...(defaultSchema.attributes?.a ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')),
      ['className', 'data-footnote-backref', 'wikilink'],
      'title',
    ],
    span: [['className', 'wikilink', 'missing']],
  },
};

// Raw HTML in markdown is dropped by remark-rehype (no allowDangerousHtml); the sanitizer then
// checks everything markdown itself can produce. Highlighting runs after sanitizing.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, schema).freeze();
const stringifier = unified().use(rehypeStringify).freeze();

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  url?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

export function renderMarkdown(body: string, resolve: WikilinkResolver, title?: string): SafeHtml {
  const tree = processor.parse(body) as unknown as MdNode;
  // The view shows the title as the page heading; a first `# Title` would repeat it.
  const first = tree.children?.[0];
  if (title !== undefined && first?.type === 'heading' && first.depth === 1 && textOf(first).trim() === title.trim()) tree.children!.shift();
  linkWikilinks(tree, resolve);
  const hast = processor.runSync(tree as never) as unknown as HastNode;
  highlightCodeBlocks(hast);
  labelTaskCheckboxes(hast);
  return trusted(String(stringifier.stringify(hast as never)));
}

// GFM task lists render bare checkboxes; a screen reader would announce an unnamed form control.
// Added after sanitizing, which keeps no aria attributes.
function labelTaskCheckboxes(tree: HastNode): void {
  visit(tree, (node) => {
    const props = node.properties;
    if (node.tagName === 'input' && props?.type === 'checkbox') props.ariaLabel = props.checked ? 'Completed task' : 'Incomplete task';
  });
}

function textOf(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join('');
}

/** Replaces `[[target|alias]]` in text (never in code, which is not a text node) with links. */
function linkWikilinks(node: MdNode, resolve: WikilinkResolver): void {
  if (!node.children) return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === 'text' && child.value?.includes('[[')) next.push(...splitText(child.value, resolve));
    else {
      linkWikilinks(child, resolve);
      next.push(child);
    }
  }
  node.children = next;
}

function splitText(text: string, resolve: WikilinkResolver): MdNode[] {
  const out: MdNode[] = [];
  let last = 0;
  for (const match of text.matchAll(WIKILINK)) {
    const target = match[1]!.trim();
    if (!target) continue;
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    const label = match[3]?.trim() || target;
    const found = resolve(target);
    if (found) {
      out.push({
        type: 'link',
        url: found.href,
        children: [{ type: 'text', value: label }],
        data: { hProperties: { className: ['wikilink'], title: found.title } },
      });
    } else {
      out.push({ type: 'text', value: label, data: { hName: 'span', hProperties: { className: ['wikilink', 'missing'] } } });
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}
