/**
 * Verbs with a particle that software writes as one word: "log in" is the login, "roll back" the
 * rollback, "sign up" the signup. Searched word by word, "log in" matches every page about
 * logging ("in" is a stopword and goes), so a question about logging in again finds the logger.
 * The spaced form is searched as the compound or as the phrase, whichever the wiki writes
 * (issue 17, sixth round).
 */
const COMPOUNDS = `log in login|log out logout|log on logon|sign in signin|sign up signup|sign out signout
check out checkout|set up setup|roll back rollback|roll out rollout|back up backup|start up startup
shut down shutdown|clean up cleanup|look up lookup|fall back fallback|work around workaround
time out timeout|pop up popup|drop down dropdown|fail over failover|plug in plugin|pay out payout
tear down teardown|cut over cutover|lock out lockout`;

const BY_VERB = new Map<string, string>();
for (const entry of COMPOUNDS.split(/[|\n]/)) {
  const [verb, particle, compound] = entry.trim().split(/\s+/) as [string, string, string];
  BY_VERB.set(`${verb} ${particle}`, compound);
}

// Past forms of these verbs that an ending rule cannot undo.
const IRREGULAR: Record<string, string> = { paid: 'pay', fell: 'fall', fallen: 'fall' };

/** The compound a verb (in any form) and the particle after it make, or null. */
export function splitCompound(verb: string, particle: string): string | null {
  for (const base of baseForms(verb.toLowerCase())) {
    const compound = BY_VERB.get(`${base} ${particle.toLowerCase()}`);
    if (compound) return compound;
  }
  return null;
}

/** The word and what it may be before an -s, -ed or -ing ending ("logged" -> "log", "timed" -> "time"). */
function baseForms(word: string): string[] {
  const forms = [word];
  if (IRREGULAR[word]) forms.push(IRREGULAR[word]);
  const stem = /^(.{2,}?)(s|ed|ing)$/.exec(word)?.[1];
  if (stem) {
    forms.push(stem, `${stem}e`);
    // A doubled last consonant ("logged", "setting", "shutting") is one letter of the verb.
    if (/([^aeiou])\1$/.test(stem)) forms.push(stem.slice(0, -1));
  }
  return forms;
}
