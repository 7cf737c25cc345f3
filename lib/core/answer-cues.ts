/**
 * Words that tend to be in the answer to a question, by its question word. A "when" question
 * asks for a time, and text that answers it says "yesterday", "last Friday", "two weeks ago";
 * a "how long" question is answered by a duration. The cues never select pages on their own:
 * a page that matches the query's words gets a small bonus when it also holds one (on LoCoMo
 * 73% of the turns that answer a "when" question hold such a word, against 12% of all turns).
 *
 * Calendar dates and month names are left out on purpose: a page's header or frontmatter
 * usually carries the date it was written, which says nothing about when the event it
 * describes happened, and a date in the query already becomes a date phrase.
 */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const PERIODS = ['week', 'weekend', 'month', 'year', 'night', 'summer', 'winter', 'spring', 'fall', 'autumn'];
const RELATIVE = ['yesterday', 'today', 'tonight', 'tomorrow', 'ago', 'recently', 'lately', 'earlier', 'soon'];

const TIME_CUES = [...RELATIVE, ...WEEKDAYS, ...PERIODS.flatMap((p) => [`last ${p}`, `next ${p}`, `this ${p}`])];
const DURATION_CUES = ['years', 'months', 'weeks', 'days', 'hours', 'since', 'ago', 'decade', 'long time'];
const COUNT_CUES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'both', 'couple', 'few', 'several', 'dozen'];
const FREQUENCY_CUES = ['every', 'daily', 'weekly', 'monthly', 'times', 'once', 'twice', 'often', 'always', 'usually'];

const QUESTIONS: Array<{ re: RegExp; cues: string[] }> = [
  { re: /^\s*(when\b|what (time|date|day|year|month)\b|which (date|day|year|month|week)\b)/i, cues: TIME_CUES },
  { re: /^\s*(how long|since when)\b/i, cues: DURATION_CUES },
  { re: /^\s*how (often|frequently)\b/i, cues: FREQUENCY_CUES },
  { re: /^\s*how (many|much)\b/i, cues: COUNT_CUES },
];

/** An FTS5 expression of the answer cues for a question, or null when it asks for none. */
export function answerCues(query: string): string | null {
  const question = QUESTIONS.find((q) => q.re.test(query));
  if (!question) return null;
  const asked = new Set(query.toLowerCase().match(/\p{L}+/gu) ?? []);
  const cues = question.cues.filter((cue) => !cue.split(' ').some((word) => asked.has(word)));
  return cues.length === 0 ? null : cues.map((cue) => `"${cue}"`).join(' OR ');
}
