import { html, type SafeHtml } from '../html.js';

const TABLE_ROWS = 20;
const TABLE_COLUMNS = 8;

type Scalar = string | number | boolean | null;

/**
 * A tool's output as a reader wants it: text with its newlines, and JSON (MCP results, API
 * calls) as a small table when it is a list of flat records, else as indented JSON.
 */
export function toolOutput(text: string): SafeHtml {
  const parsed = parseJson(text);
  if (parsed === undefined) return html`<pre class="ev-output">${text}</pre>`;
  const table = recordsTable(parsed);
  return table ?? html`<pre class="ev-output ev-json"><code>${JSON.stringify(parsed, null, 2)}</code></pre>`;
}

function parseJson(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function recordsTable(value: unknown): SafeHtml | null {
  const records = Array.isArray(value) ? value : isRecord(value) ? [value] : null;
  if (!records || records.length === 0 || !records.every(isFlatRecord)) return null;
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  if (columns.length === 0 || columns.length > TABLE_COLUMNS) return null;
  const shown = records.slice(0, TABLE_ROWS) as Array<Record<string, Scalar>>;
  return html`<div class="table-scroll"><table class="ev-table">
    <thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
    <tbody>${shown.map((r) => html`<tr>${columns.map((c) => html`<td>${r[c] === undefined ? '' : String(r[c])}</td>`)}</tr>`)}</tbody>
  </table>${records.length > TABLE_ROWS ? html`<p class="muted">${records.length - TABLE_ROWS} more rows</p>` : ''}</div>`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFlatRecord(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}
