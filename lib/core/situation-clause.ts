/**
 * Whether the words after "after" / "before" / "since" / "until" describe a situation the
 * question is about rather than a moment to date it by. "right after we ship", "before a
 * release" say when something tends to happen, any time it does; "since the v2 release",
 * "before the migration", "after we moved to Postgres" name one event the wiki can date. Reading a situation as an event dates the question by whichever page
 * best matches a verb ("ship") and pushes every other page down (issue 17, sixth round).
 *
 * A situation is, after the preposition:
 * - a subject and a verb not in the past ("we ship", "it restarts", "you deploy"): a habit or a
 *   condition; "we shipped" / "we moved" is one event;
 * - an indefinite or generic determiner ("a release", "any deploy", "every migration").
 * A gerund ("after syncing the schema") is left an event: it may be one incident as well as a
 * habit, and read as a situation it cost a development question 4 places.
 */
const SUBJECT = new Set(['we', 'i', 'you', 'they', 'it', 'he', 'she', 'someone', 'somebody', 'people', 'everyone']);
const GENERIC = new Set(['a', 'an', 'any', 'every', 'each', 'some', 'another']);
// Past forms a subject may take that do not end in -ed (the irregular verbs a project uses).
const IRREGULAR_PAST = new Set(['went', 'did', 'made', 'took', 'began', 'chose', 'broke', 'built', 'ran', 'got', 'had', 'was', 'were', 'left', 'wrote', 'rewrote', 'brought', 'bought', 'sold', 'put', 'set', 'cut', 'shut', 'split', 'hit', 'lost', 'found', 'gave', 'came', 'became']);
// Words that may stand between a subject and its verb ("after we finally shipped", "since we
// have moved": the participle after "have" says whether it is one event).
const ADVERB = /^(just|finally|first|last|already|actually|eventually|then|also|all|have|has)$/;

export function describesSituation(words: readonly string[]): boolean {
  const [first, ...rest] = words.map((w) => w.toLowerCase());
  if (first === undefined) return false;
  if (GENERIC.has(first)) return true;
  if (SUBJECT.has(first)) {
    const verb = rest.find((w) => !ADVERB.test(w));
    return verb === undefined || !isPast(verb);
  }
  return false;
}

function isPast(verb: string): boolean {
  return /ed$/.test(verb) || IRREGULAR_PAST.has(verb);
}
