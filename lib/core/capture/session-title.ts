/**
 * Sessions and handoffs are titled by what they were about, in whole words: the first prompt
 * that reads like a person's request, cut at a word boundary; else what the session changed or
 * ran. Never an id or a timestamp: those say nothing in a list, a search hit or Obsidian.
 */
export const TITLE_MAX = 80;

export function sessionTitle(input: { prompts: string[]; filesChanged?: string[]; commands?: string[]; agent?: string; cwd?: string; continues?: string }): string {
  const human = input.prompts.map(requestLine).find((line) => line !== '' && !isContinuation(line));
  if (human) return wholeWords(human, TITLE_MAX);
  // "Continue where we left off" names no work: the handoff it picked up does.
  if (input.continues) return wholeWords(`${CONTINUED}${input.continues.replace(CONTINUED_PREFIX, '')}`, TITLE_MAX);
  const files = input.filesChanged ?? [];
  if (files.length > 0) {
    const names = files.slice(0, 3).map((f) => f.split('/').pop() ?? f);
    return wholeWords(`Edited ${names.join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`, TITLE_MAX);
  }
  const command = input.commands?.find((c) => c.trim() !== '');
  if (command) return wholeWords(`Ran ${command.split('\n')[0]}`, TITLE_MAX);
  const where = input.cwd ? ` in ${input.cwd.replace(/\/+$/, '').split('/').pop()}` : '';
  return `${input.agent ?? 'Agent'} session${where}`;
}

const CONTINUED = 'Continued: ';
const CONTINUED_PREFIX = /^(?:Continued: )+/;

/**
 * The morning prompts that ask to go on, or where things stand, without naming the work: "continue
 * where we left off", "what is left from yesterday?". A title made of them says nothing in a list.
 */
export function isContinuation(line: string): boolean {
  const plain = line.toLowerCase().replace(/[’`]/g, "'").replace(/[\s.!?,:;]+$/, '').replace(/^(?:ok(?:ay)?|so|hi|hey|good morning|please)[,!.]?\s+/, '').replace(/\s+please$/, '').trim();
  return plain.length <= 60 && CONTINUATION.test(plain);
}

const LAST_TIME = /(?:\s+(?:from|since|after)\s+(?:yesterday|last time|last night|the last session|the previous session|before|earlier))?/.source;
const CONTINUATION = new RegExp(
  `^(?:${[
    /(?:let's\s+)?(?:continue|resume|keep going|go on|carry on|proceed|go ahead)(?:\s+(?:where|from where)\s+(?:we|you|i)\s+(?:left off|stopped|were))?(?:\s+(?:with\s+)?(?:the|your|our)\s+(?:work|task|previous task|last task))?/.source + LAST_TIME,
    /(?:let's\s+)?pick\s+up\s+where\s+(?:we|you|i)\s+(?:left off|stopped)/.source,
    /where\s+(?:did|do)\s+(?:we|you|i)\s+(?:leave off|leave it|stop|stand)|where\s+were\s+we/.source,
    /what(?:'s|\s+is|\s+was)?\s+(?:left|next|pending|still open|left to do|the status|the state of things)/.source + LAST_TIME,
    /status|catch me up|what did (?:we|you) do (?:yesterday|last time)/.source,
  ].join('|')})$`,
);

/** The first line of a prompt that is a request: not an IDE context block, a slash command or markup. */
function requestLine(prompt: string): string {
  if (/^\s*</.test(prompt)) return '';
  const line = prompt
    .split('\n')
    .map((l) => l.replace(/^[#>*\-\s]+/, '').trim())
    .find((l) => /[\p{L}]{3,}/u.test(l) && !/^\/\S+$/.test(l));
  return line ?? '';
}

/** Cut at a word boundary, without a dangling comma or "and"; an ellipsis marks the cut. */
export function wholeWords(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  if (single.length <= max) return single.replace(/[.:;,]+$/, '');
  const cut = single.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const words = (space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '').replace(/\s+(?:and|or|the|a|an|to|of|for|with|in|on)$/i, '');
  return `${words}…`;
}
