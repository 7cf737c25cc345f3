/**
 * Whether chrono-node could find a date or time in a query at all: a cheap check run before the
 * parser, which costs more than the rest of preparing a query (about 5 % of a search on the
 * 10k bench). It may say yes when chrono finds nothing ("maybe" holds "may"); it must never say
 * no when chrono would find something: test/core/time-words.test.ts checks every word of
 * chrono's English dictionaries, alone and in the phrases its parsers read, against the parser.
 *
 * Every English parser chrono runs (chrono-node 2.x, `chrono-node/en`, casual) needs one of:
 * - an ASCII digit (ISO, slash, year, time-of-day and numeric formats);
 * - a month, weekday or casual word ("today", "noon", "tonight"), or a time unit of three
 *   letters or more ("week", "hour", "min"), matched here anywhere inside a word, so that
 *   words glued together ("onmonday", "lastweek") still count;
 * - a one- or two-letter unit ("5 d", "a few h", "the m"), which chrono reads only as a whole
 *   word after a number word, "the", "few", "this", "last"... (possibly glued to them).
 * chrono's patterns match ASCII letters case-insensitively and treat anything else as a word
 * boundary (`\W`), so words here are runs of ASCII letters, digits and `_`.
 */
const LONG_WORDS = [
  // casual dates and times
  'now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'yesterday', 'night', 'morning', 'afternoon', 'evening', 'noon', 'midday',
  // months ("sept" holds "sep", the full names hold their abbreviations)
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
  // weekdays (the full names and "tues", "thurs" hold these)
  'sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat',
  // time units of three letters or more ("second", "minute", "mins", "mos" hold these)
  'sec', 'min', 'hrs', 'hour', 'day', 'week', 'mos', 'month', 'qtr', 'quarter', 'year',
];
const LONG = new RegExp(LONG_WORDS.join('|'));
// What chrono accepts before a unit: number words, "the", "few", "half an", "couple of", the
// relative words, and the "within"/"about" prefixes; any of them glued to the unit.
const BEFORE_UNIT = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|the|few|several|couple|of|half|an|a|about|around|this|last|past|next|after|within|in|for|roughly|approximately|just|and';
const SHORT_UNIT = new RegExp(`^(?:${BEFORE_UNIT})*(?:s|m|h|d|w|y|mo|hr|yr)$`);

export function mayNameTime(query: string): boolean {
  if (/[0-9]/.test(query)) return true;
  const lower = query.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  return lower.split(/[^a-z0-9_]+/).some((word) => word !== '' && (LONG.test(word) || SHORT_UNIT.test(word)));
}
