/**
 * HTML templating with escaping by default: every value interpolated into `html\`...\`` is
 * escaped unless it is already `SafeHtml` (another template, or sanitized markdown). Arrays are
 * joined; null, undefined and false render nothing.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusted markup produced by our own code (sanitized markdown, search snippets with `<mark>`). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Search snippets come escaped from the service with only `<mark>` added; re-escape everything
 * and restore exactly those tags, so a snippet can never carry other markup.
 */
export function snippetHtml(snippet: string): SafeHtml {
  const plain = snippet.replace(/<\/?mark>/g, (tag) => (tag === '<mark>' ? '\u0001' : '\u0002'));
  const decoded = plain.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
  return new SafeHtml(escapeHtml(decoded).replace(/\u0001/g, '<mark>').replace(/\u0002/g, '</mark>'));
}

/** Plain text with its `code spans` shown as code (handoff lines quote commands and names). */
export function textWithCode(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text).replace(/`([^`\n]+)`/g, '<code>$1</code>'));
}
