/**
 * Forms of a word that the porter stemmer cannot join: irregular verbs ("went" and "go",
 * "bought" and "buy"), irregular plurals, and a few spellings of one word. A query word with
 * such forms matches any of them, so "where did she go" finds "she went to Paris" and "her
 * children" finds "the kids". Regular inflections (-s, -ed, -ing) are the stemmer's job.
 * On LoCoMo the verbs moved recall@10 by +0.011, the plurals and spellings by +0.003. Verbs
 * whose past form is a common word of its own are left out ("left" is mostly a side, "lay" both
 * the past of "lie" and a verb of its own).
 */
const IRREGULAR_VERBS = `arise arose arisen|be was were been|bear bore born borne|beat beaten|become became|begin began begun
bend bent|bet|bite bit bitten|bleed bled|blow blew blown|break broke broken|bring brought|build built|burn burnt
buy bought|catch caught|choose chose chosen|come came|cost|creep crept|cut|deal dealt|dig dug|do did done
draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed
feel felt|fight fought|find found|fly flew flown|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen
get got gotten|give gave given|go went gone|grow grew grown|hang hung|have had|hear heard|hide hid hidden|hit
hold held|hurt|keep kept|know knew known|lay laid|lead led|lean leant|lend lent|let
light lit|lose lost|make made|mean meant|meet met|pay paid|put|quit|read|ride rode ridden|ring rang rung
rise rose risen|run ran|say said|see saw seen|seek sought|sell sold|send sent|set|shake shook shaken|shine shone
shoot shot|show showed shown|shut|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid|speak spoke spoken
spend spent|spin spun|split|spread|stand stood|steal stole stolen|stick stuck|sting stung|strike struck|swear swore sworn
sweep swept|swim swam swum|swing swung|take took taken|teach taught|tear tore torn|tell told|think thought
throw threw thrown|understand understood|wake woke woken|wear wore worn|weep wept|win won|write wrote written`;

// Irregular plurals, and a few spellings and everyday short forms of one word (British and
// American spelling, chat abbreviations) that a reader would take as the same word.
const SAME_WORD = `child children kid kids|person people|man men|woman women|foot feet|tooth teeth|mouse mice
life lives|wife wives|knife knives|leaf leaves|mom mother mum|dad father|fave favorite favourite
pic pics photo picture|movie film|bike bicycle|tv television|color colour|grey gray|theater theatre`;

const FORMS = new Map<string, readonly string[]>();
for (const group of `${IRREGULAR_VERBS}\n${SAME_WORD}`.split(/[|\n]/)) {
  const forms = group.trim().split(/\s+/);
  for (const form of forms) if (!FORMS.has(form)) FORMS.set(form, forms);
}

/** The other forms of a word, the word itself first; just the word when it has none. */
export function wordForms(word: string): readonly string[] {
  const forms = FORMS.get(word);
  return forms ? [word, ...forms.filter((f) => f !== word)] : [word];
}
