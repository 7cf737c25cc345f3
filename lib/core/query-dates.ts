/**
 * Calendar dates in a query ("on 7 July, 2023", "May 25 2022", "in February 2023", 2023-05-08)
 * become phrases, so they match a page dated that day instead of every page containing a "7",
 * a "2023" or the word "may". Both day-month and month-day orders are tried, since pages
 * write dates either way.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11 };
const MONTH = `(${[...MONTHS, ...Object.keys(SHORT)].join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

// An ISO date stays in the query as well (as the phrase "2023 05 08"): file names use it.
const PATTERNS: Array<{ re: RegExp; keep?: boolean; parts: (m: RegExpExecArray) => { day?: string; month: string; year: string } }> = [
  { re: new RegExp(`\\b${YEAR}-(\\d{2})-(\\d{2})\\b`, 'giu'), keep: true, parts: (m) => ({ year: m[1]!, month: MONTHS[Number(m[2]) - 1] ?? '', day: String(Number(m[3])) }) },
  { re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'giu'), parts: (m) => ({ day: m[1]!, month: m[2]!, year: m[3]! }) },
  { re: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'giu'), parts: (m) => ({ month: m[1]!, day: m[2]!, year: m[3]! }) },
  { re: new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'giu'), parts: (m) => ({ month: m[1]!, year: m[2]! }) },
  // A month on its own after a preposition ("in May", "since March"): "may" is a stopword
  // otherwise, and "in may" cannot be the modal verb.
  { re: new RegExp(`\\b(?:in|during|since|until|by|early|late|mid|mid-)\\s+${MONTH}(?![\\p{L}\\d])`, 'giu'), parts: (m) => ({ month: m[1]!, year: '' }) },
];

export interface QueryDates {
  /** The query with its dates taken out. */
  rest: string;
  /** FTS5 phrase clauses, one or two per date. */
  clauses: string[];
  /** Month names and years, for title search and highlighting. */
  terms: string[];
}

export function extractDates(query: string): QueryDates {
  let rest = query;
  const clauses: string[] = [];
  const terms: string[] = [];
  for (const { re, keep, parts } of PATTERNS) {
    rest = rest.replace(re, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const { day, month, year } = parts(match);
      const name = monthName(month);
      if (!name) return match[0];
      if (day && Number(day) >= 1 && Number(day) <= 31) clauses.push(`"${Number(day)} ${name} ${year}"`, `"${name} ${Number(day)} ${year}"`);
      else clauses.push(year ? `"${name} ${year}"` : `"${name}"`);
      terms.push(...[name, year].filter(Boolean));
      return keep ? match[0] : ' ';
    });
  }
  return { rest, clauses, terms };
}

function monthName(value: string): string | undefined {
  const lower = value.toLowerCase().replace(/\.$/, '');
  if (MONTHS.includes(lower)) return lower;
  const index = SHORT[lower];
  return index === undefined ? undefined : MONTHS[index];
}
