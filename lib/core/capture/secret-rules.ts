import { rules as secretlintRecommended } from '@secretlint/secretlint-rule-preset-recommend';

/**
 * The provider rules of secretlint's recommended preset (`@secretlint/secretlint-rule-preset-
 * recommend`, MIT, maintained with the providers' token formats: AWS, GCP, GitHub, GitLab,
 * Slack, npm, OpenAI, Anthropic, Hugging Face, Groq, Linear, Notion, 1Password, Vercel,
 * Databricks, Docker, Figma, Grafana, HashiCorp Vault, SendGrid, Shopify, private keys, basic
 * auth and database connection strings). We use its rules as a rule set, not its linter: each
 * rule is created once at load and then only asked for the ranges it finds in a text, all
 * synchronously, so an update of the package brings new formats without code here.
 */
type Range = readonly [number, number];

interface RuleSource {
  content: string;
  filePath?: string;
  ext: string;
  contentType: 'text';
  indexToPosition(index: number): { line: number; column: number };
}

interface RuleContext {
  report(descriptor: { range: Range }): void;
  ignore(): void;
  createTranslator(): () => string;
}

interface RuleCreator {
  meta: { id: string; type?: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?(source: RuleSource): unknown };
}

/** Options the preset leaves off by default that we want: AWS key ids (`AKIA...`) are secrets here. */
const OPTIONS: Record<string, Record<string, unknown>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};
/** `secretlint-disable` comments must not let a captured secret through. */
const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments']);

let found: Range[] = [];
const context: RuleContext = {
  report: ({ range }) => void found.push(range),
  ignore: () => undefined,
  createTranslator: () => () => '',
};

const scanners = (secretlintRecommended as unknown as RuleCreator[])
  .filter((rule) => !SKIPPED.has(rule.meta.id))
  .map((rule) => rule.create(context, OPTIONS[rule.meta.id] ?? {}).file)
  .filter((file): file is NonNullable<typeof file> => typeof file === 'function');

/** Ranges `[start, end)` of `text` the preset's rules report as secrets, in no particular order. */
export function secretRanges(text: string): Range[] {
  found = [];
  const source: RuleSource = { content: text, ext: '.txt', contentType: 'text', indexToPosition: (index) => position(text, index) };
  for (const scan of scanners) {
    // Only the PKCS#12 rule is asynchronous, and only for `.p12` files: never for text.
    const result = scan(source);
    if (result instanceof Promise) result.catch(() => undefined);
  }
  const out = found;
  found = [];
  return out;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') - 1 };
}
