import type { Scenario } from './scenario.js';

/**
 * Scores one SessionStart block against its scenario: the share of facts present anywhere in
 * it, and stale items (fixed failures, abandoned plans) shown as current, that is inside the
 * "Next steps", "Open questions" or "Failures not fixed" sections. A fixed command may still be
 * named in the last reply ("npm test passes now"): that is history, not a carry-over.
 */
export interface BlockScore {
  id: string;
  facts: number;
  found: number;
  missing: string[];
  stale: number;
  carriedOver: string[];
  tokens: number;
}

const CURRENT = ['Next steps', 'Open questions', 'Failures not fixed'];

export function scoreBlock(scenario: Scenario, block: string): BlockScore {
  const text = normalize(block);
  const missing = scenario.facts.filter((fact) => !text.includes(normalize(fact)));
  const current = normalize(CURRENT.map((title) => section(block, title)).join('\n'));
  const carriedOver = (scenario.stale ?? []).filter((item) => current.includes(normalize(item)));
  return {
    id: scenario.id,
    facts: scenario.facts.length,
    found: scenario.facts.length - missing.length,
    missing,
    stale: scenario.stale?.length ?? 0,
    carriedOver,
    tokens: Math.ceil(block.length / 4),
  };
}

/** The lines of a `**Title**` section, up to the next blank line. */
function section(block: string, title: string): string {
  const start = block.indexOf(`**${title}**\n`);
  if (start < 0) return '';
  const rest = block.slice(start + title.length + 5);
  const end = rest.indexOf('\n\n');
  return end < 0 ? rest : rest.slice(0, end);
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ');
}
