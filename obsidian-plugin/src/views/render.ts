import { describeError, isServerError } from '../errors.js';
import type { PluginHost } from '../host.js';
import { snippetSegments } from '../markdown-text.js';
import type { PageRef } from '../vault-paths.js';

/** A link that opens a wiki page in Obsidian. */
export function pageLink(host: PluginHost, parent: HTMLElement, ref: PageRef, text: string): HTMLElement {
  const link = parent.createEl('a', { text, cls: 'ai-memory-link', attr: { href: '#', 'data-path': ref.path } });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    return host.openPage(ref);
  });
  return link;
}

export function section(parent: HTMLElement, title: string): HTMLElement {
  const el = parent.createDiv({ cls: 'ai-memory-section' });
  el.createEl('h4', { text: title });
  return el;
}

export function button(parent: HTMLElement, text: string, onClick: () => void | Promise<void>, cls = 'ai-memory-button'): HTMLElement {
  const el = parent.createEl('button', { text, cls });
  el.addEventListener('click', (event) => {
    event.preventDefault();
    // Returned for callers that wait on the click (tests); the DOM ignores it.
    return onClick();
  });
  return el;
}

/** The error in place of the content, with a retry; an offline server is said plainly. */
export function errorBox(parent: HTMLElement, error: unknown, action: string, retry: () => void): void {
  const box = parent.createDiv({ cls: 'ai-memory-error' });
  box.createEl('p', { text: isServerError(error, 'unreachable') ? `The ai-memory server is not reachable: ${error.message}.` : describeError(error, action) });
  button(box, 'Retry', retry);
}

/** A search snippet with its matches marked, built from text nodes (never innerHTML). */
export function renderSnippet(parent: HTMLElement, html: string): HTMLElement {
  const el = parent.createDiv({ cls: 'ai-memory-snippet' });
  for (const segment of snippetSegments(html)) {
    if (segment.mark) el.createEl('mark', { text: segment.text });
    else el.createSpan({ text: segment.text });
  }
  return el;
}

/** "2026-11-25T10:15:00.000Z" -> "2026-11-25 10:15". */
export function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}
