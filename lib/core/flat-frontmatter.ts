/**
 * A fast reader for the flat frontmatter the product itself writes (`title: Some words`,
 * `tags: [a, b]`, `created: 2026-07-18`), used before the `yaml` parser because a cold start
 * parses every page and `yaml` (parseDocument + toJS) costs ~46 µs and much short-lived garbage
 * a page. It is deliberately narrow: it returns undefined (the caller then asks `yaml`) for
 * anything it does not recognise as a whole, so it can never read a value differently from
 * `yaml`'s YAML 1.2 core schema. test/core/flat-frontmatter.test.ts compares the two on random
 * inputs.
 */

// A key of letters, digits, `_` and `-`, starting with a letter (no `__proto__`, no numbers
// that would reorder the object), then `: ` and the value to the end of the line.
const LINE = /^([A-Za-z][A-Za-z0-9_-]*): (.+)$/;
// Words of letters, digits and `_ . / -`, one space apart, starting with a letter: a plain
// scalar that YAML core reads as this same string, except the words of BOOLEAN_OR_NULL (no
// indicator, no `: ` or ` #`, no quote, nothing YAML could read as a number or a date).
const WORDS = /^[A-Za-z][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*$/;
const BOOLEAN_OR_NULL = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
// A date or date-time as the product writes it; YAML 1.2 core has no timestamp type, so `yaml`
// reads it as a string too.
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})?)?$/;
// A flow list of such words: `[]` or `[a, b]`, items one `, ` apart.
const LIST = /^\[(.*)\]$/;

/** The data of frontmatter text in the product's flat form, or undefined when `yaml` must read it. */
export function readFlatFrontmatter(yaml: string): Record<string, unknown> | undefined {
  if (yaml.includes('\r')) return undefined;
  const data: Record<string, unknown> = {};
  const lines = yaml.split('\n');
  // The text ends with a newline before the closing fence: one empty last line, no more.
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (Object.hasOwn(data, key)) return undefined;
    const value = readValue(match[2]!);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  return data;
}

function readValue(text: string): string | boolean | string[] | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (isWords(text) || DATE.test(text)) return text;
  const list = LIST.exec(text);
  if (!list) return undefined;
  if (list[1] === '') return [];
  const items = list[1]!.split(', ');
  return items.every(isWords) ? items : undefined;
}

function isWords(text: string): boolean {
  return WORDS.test(text) && !BOOLEAN_OR_NULL.test(text);
}
