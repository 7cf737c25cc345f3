/**
 * Whether chrono-node could find a date or time in a query at all: a cheap check run before the
 * parser, which costs more than the rest of preparing a query (about 5 % of a search on the
 * 10k bench). It may say yes when chrono finds nothing ("maybe" holds "may"); it must never say
 * no when chrono would find something: test/core/time-words.test.ts checks every word of
 * chrono's English dictionaries, alone and in the phrases its parsers read, against the parser.
 *
 * Every English parser chrono runs (chrono-node 2.x, `chrono-node/en`, casual) needs one of:
 * - an ASCII digit (ISO, slash, year, time-of-day and numeric formats);
 * - a word that ends with a month, weekday or casual word ("today", "noon", "tonight"), a time
 *   unit of three letters or more ("week", "hours", "min"), or a unit glued to a word chrono
 *   reads after one ("daysago", "hlater"). A word, not only the whole word: chrono reads a date glued to what
 *   comes before it ("onmonday", "lastweek", "injun"), but every one of its patterns ends with
 *   `(?=\W|$)` or a stricter lookahead, so the word it reads ends where the date does
 *   ("junloix" or "mondayish" are no dates, "dorjun" is checked: it ends with "jun");
 * - a one- or two-letter unit ("5 d", "a few h", "the m"), which chrono reads only as a whole
 *   word after a number word, "the", "few", "this", "last"... (possibly glued to them).
 * chrono's patterns match ASCII letters case-insensitively and treat anything else as a word
 * boundary (`\W`), so words here are runs of ASCII letters, digits and `_`.
 */
const ENDINGS = [
  // casual dates and times (ENCasualDateParser, ENCasualTimeParser; "last night" ends in "night")
  'now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'tmrw', 'yesterday', 'night', 'morning', 'afternoon', 'evening', 'noon', 'midday', 'midnight',
  // months, full and short ("sept." ends at "sept": the dot is a word boundary)
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  // weekdays, and what ENWeekdayParser reads with them ("weekend", "monday last week")
  'sunday', 'sun', 'monday', 'mon', 'tuesday', 'tue', 'tues', 'wednesday', 'wed', 'thursday', 'thurs', 'thur', 'thu', 'friday', 'fri', 'saturday', 'sat', 'weekend', 'weekday',
  // time units of three letters or more, singular and plural ("end of month" ends in "month")
  'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'hrs', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'mos', 'month', 'months', 'qtr', 'quarter', 'quarters', 'year', 'years',
];
// The words chrono reads after a unit (ENTimeUnitAgoFormatParser, ENTimeUnitLaterFormatParser),
// which may be glued to it ("fewdaysago", "2hlater"): a word ending with a unit and one of them.
const AFTER_UNIT = '(?:s|sec|second|m|min|minute|h|hr|hour|d|day|w|week|mo|mon|month|qtr|quarter|y|yr|year)s?(?:ago|before|earlier|later|after|henceforth|forward|out)';
const ENDS_LIKE_TIME = new RegExp(`(?:${ENDINGS.join('|')}|${AFTER_UNIT})$`);
// What chrono accepts before a unit: number words, "the", "few", "half an", "couple of", the
// relative words, and the "within"/"about" prefixes; any of them glued to the unit.
const BEFORE_UNIT = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|the|few|several|couple|of|half|an|a|about|around|this|last|past|next|after|within|in|for|roughly|approximately|just|and';
const SHORT_UNIT = new RegExp(`^(?:${BEFORE_UNIT})*(?:s|m|h|d|w|y|mo|hr|yr)$`);

export function mayNameTime(query: string): boolean {
  if (/[0-9]/.test(query)) return true;
  const lower = query.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  return lower.split(/[^a-z0-9_]+/).some((word) => word !== '' && (ENDS_LIKE_TIME.test(word) || SHORT_UNIT.test(word)));
}
