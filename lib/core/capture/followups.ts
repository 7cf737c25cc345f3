/**
 * Next steps, open questions and decisions stated in one reply or prompt, by rules alone:
 * items under headings such as "Next steps", "TODO", "Open questions", "Remaining", "Blocked";
 * sentences that start "Next step", "Next,", "Still need", "TODO"; questions put to the user;
 * unchecked task-list items; "we chose / decided / switched to / instead of" sentences.
 */
export interface Followups {
  nextSteps: string[];
  openQuestions: string[];
  decisions: string[];
}

type Section = 'next' | 'question' | 'blocked' | 'decision' | null;

const ITEM_MAX = 240;

const SECTION_NAMES: Array<[RegExp, Exclude<Section, null>]> = [
  [/^(?:nächste schritte|nächster schritt|prochaines? étapes?|siguientes? pasos?|próximos? pasos?|reste à faire|offene punkte)$/i, 'next'],
  [/^(?:offene fragen|questions ouvertes|preguntas abiertas)$/i, 'question'],
  [/^(?:next(?: steps?| up)?|todo|to-?dos?|to do|remaining(?: work| tasks| steps)?|still to do|left to do|what'?s left|follow[- ]?ups?|pending(?: work| tasks)?|action items|plan(?: for next time)?)$/i, 'next'],
  [/^(?:open questions?|questions?(?: for you)?|unresolved|unknowns|undecided)$/i, 'question'],
  [/^(?:blocked|blockers?|blocked on)$/i, 'blocked'],
  [/^(?:decisions?(?: made)?|design decisions?)$/i, 'decision'],
];

const NEXT_SENTENCE = /^(?:next steps?|next up|next|still (?:need|needs|have) to|still to do|todo|to-?do|remaining|left to do|what'?s left|follow[- ]?up|then)\b\s*[:,-]?\s*/i;
const QUESTION_SENTENCE = /^(?:open questions?|question|unresolved|still open|offene frage|question ouverte|pregunta abierta)\s*[:-]\s*/i;
/** The same labels in a few languages agents are often asked to reply in. */
const NEXT_SENTENCE_INTL = /^(?:nächster schritt|nächste schritte|als nächstes|prochaine étape|prochaines étapes|siguiente paso|próximo paso|próximos pasos)\s*[:,-]\s*/i;
const BLOCKED_SENTENCE = /^(?:blocked(?: on| by)?|blocker)\s*[:-]?\s*/i;
const STILL_NEED = /^(?:we|I|you|it)\s+still\s+(?:need|needs|have|has)\s+to\s+(.+)$/i;
const DECISION = /\b(?:we|I)\s+(?:chose|decided|picked|opted|went with|switched(?: over)? to|settled on|moved to|replaced)\b|\binstead of\b|^decision\s*:/i;

export function extractFollowups(text: string): Followups {
  const out: Followups = { nextSteps: [], openQuestions: [], decisions: [] };
  let section: Section = null;
  let inFence = false;
  const lines = text.split('\n');
  // A question in the closing lines is put to the person, in whatever language.
  const closing = lastProseLines(lines, 2);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line === '') continue;
    const heading = headingOf(line);
    if (heading !== undefined) {
      section = sectionOf(heading.name);
      // "**Next step:** run the migration" is a heading and its item on one line.
      if (heading.rest) addTo(out, section ?? classify(heading.name, heading.rest), heading.rest);
      continue;
    }
    const task = /^[-*+]\s+\[( |x|X)\]\s+(.*)$/.exec(line);
    if (task) {
      if (task[1] === ' ') out.nextSteps.push(clean(task[2]!));
      continue;
    }
    const bullet = /^(?:[-*+•]|\d{1,2}[.)])\s+(.*)$/.exec(line);
    if (section && bullet) {
      addTo(out, section, bullet[1]!);
      continue;
    }
    if (section && !bullet && section !== 'decision') {
      // A paragraph under "Next steps:" belongs to it, one sentence per item; but a question
      // the reply ends on after the list ("Should the limit be 100 or 200?") waits on the
      // person, so it is an open question, not a step.
      for (const sentence of sentences(line)) addTo(out, section === 'next' && isQuestionToUser(sentence, closing.has(index)) ? 'question' : section, sentence);
      continue;
    }
    for (const sentence of sentences(bullet ? bullet[1]! : line)) sentenceRule(out, sentence, closing.has(index));
  }
  return dedupe(out);
}

/**
 * A reply without its next-steps, open-questions and blocked sections (they are listed on their
 * own below "Where it stopped"), its other headings kept as "Heading:" so the prose still reads
 * when flattened to one line. Empty when the reply is nothing but those sections.
 */
export function withoutFollowupSections(text: string): string {
  const kept: string[] = [];
  let skipping = false;
  let inFence = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? undefined : headingOf(line);
    if (heading !== undefined) {
      const section = sectionOf(heading.name);
      skipping = section === 'next' || section === 'question' || section === 'blocked';
      if (!skipping) kept.push(/^#/.test(line) ? `${heading.name.replace(/[.:]$/, '')}:` : raw);
      continue;
    }
    if (!skipping) kept.push(raw);
  }
  return kept.join('\n').trim();
}

function sentenceRule(out: Followups, sentence: string, closing: boolean): void {
  const plain = unbold(sentence);
  const still = STILL_NEED.exec(plain);
  if (still) return addTo(out, 'next', still[1]!);
  if (QUESTION_SENTENCE.test(plain)) return addTo(out, 'question', plain.replace(QUESTION_SENTENCE, ''));
  if (BLOCKED_SENTENCE.test(plain) && /^blocked|^blocker/i.test(plain)) return addTo(out, 'blocked', plain.replace(BLOCKED_SENTENCE, ''));
  if (NEXT_SENTENCE.test(plain) && isNextLabel(plain)) return addTo(out, 'next', plain.replace(NEXT_SENTENCE, ''));
  if (NEXT_SENTENCE_INTL.test(plain)) return addTo(out, 'next', plain.replace(NEXT_SENTENCE_INTL, ''));
  if (isQuestionToUser(plain, closing)) return addTo(out, 'question', plain);
  if (DECISION.test(plain)) addTo(out, 'decision', plain);
}

/** "Next, add the migration" and "Next step: ..." are next steps; "Next.js is ..." is not. */
function isNextLabel(sentence: string): boolean {
  if (/^next(?:\.js|\s+(?:to|time|week|day|release|version|page|button)\b)/i.test(sentence)) return false;
  if (/^then\b/i.test(sentence)) return /^then\s*,?\s*(?:I|we|you)?\s*(?:need|should|will|must|can)\b/i.test(sentence);
  return /^(?:next steps?|next up|todo|to-?do|remaining|left to do|what'?s left|follow[- ]?up)\s*[:,-]|^next\s*[:,]|^still (?:need|needs|have) to|^still to do/i.test(sentence);
}

function isQuestionToUser(sentence: string, closing: boolean): boolean {
  const plain = unbold(sentence);
  return /\?$/.test(plain) && plain.length <= 300 && (closing || isToUser(plain));
}

/** A question the assistant asks the person, not one it quotes or answers itself. */
function isToUser(sentence: string): boolean {
  return /\b(?:you|your|I|we)\b|^(?:should|shall|do|does|would|could|can|which|what|how|is|are|when|where|or|want)\b/i.test(sentence);
}

function lastProseLines(lines: string[], count: number): Set<number> {
  const out = new Set<number>();
  let inFence = false;
  const prose: number[] = [];
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && line.trim() !== '') prose.push(i);
  });
  for (const i of prose.slice(-count)) out.add(i);
  return out;
}

function addTo(out: Followups, section: Exclude<Section, null> | 'next', text: string): void {
  const item = clean(text);
  if (item.length < 3) return;
  if (section === 'next') out.nextSteps.push(item);
  else if (section === 'question') out.openQuestions.push(item);
  else if (section === 'blocked') out.openQuestions.push(`Blocked: ${item}`);
  else out.decisions.push(item);
}

function classify(name: string, rest: string): Exclude<Section, null> {
  if (/question/i.test(name) || /\?$/.test(rest)) return 'question';
  return 'next';
}

/** `## Next steps`, `**Open questions:**`, `Remaining:`; with the text after the label, if any. */
function headingOf(line: string): { name: string; rest: string } | undefined {
  const md = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
  if (md) return { name: stripLabel(md[1]!), rest: '' };
  const bold = /^(?:\*\*|__)([^*_]{2,40}?)\s*:?\s*(?:\*\*|__)\s*:?\s*(.*)$/.exec(line);
  if (bold && sectionOf(stripLabel(bold[1]!))) return { name: stripLabel(bold[1]!), rest: bold[2]!.trim() };
  const label = /^([A-Za-z][A-Za-z' -]{1,30}):\s*$/.exec(line);
  if (label && sectionOf(label[1]!.trim())) return { name: label[1]!.trim(), rest: '' };
  return undefined;
}

function sectionOf(name: string): Section {
  const key = stripLabel(name);
  return SECTION_NAMES.find(([re]) => re.test(key))?.[1] ?? null;
}

function stripLabel(name: string): string {
  return name.replace(/[*_`:]/g, '').replace(/^\p{Extended_Pictographic}\s*/u, '').trim();
}

function sentences(line: string): string[] {
  return line
    .split(/(?<=[.!?])\s+(?=[\p{Lu}*_`"'])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

function unbold(text: string): string {
  return text.replace(/^(\*\*|__)(.+?)\1/, '$2').trim();
}

function clean(text: string): string {
  const single = text.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim().replace(/^[:\-–—]\s*/, '');
  const capped = single.length > ITEM_MAX ? `${single.slice(0, ITEM_MAX - 1).trimEnd()}…` : single;
  return capped.charAt(0).toUpperCase() + capped.slice(1);
}

function dedupe(out: Followups): Followups {
  const unique = (items: string[]) => [...new Map(items.map((i) => [i.toLowerCase().replace(/[.!]$/, ''), i])).values()];
  return { nextSteps: unique(out.nextSteps), openQuestions: unique(out.openQuestions), decisions: unique(out.decisions) };
}
