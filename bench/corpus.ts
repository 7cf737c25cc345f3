import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A deterministic generator of realistic wiki pages for benchmarks and the link-extractor
 * oracle test: frontmatter, headings, lists, tables, fenced code (with fake links inside that
 * must not count), wikilinks in every form, markdown links, and ~3% links to missing pages.
 * Words follow a Zipf distribution over a synthetic vocabulary plus common engineering terms.
 */
export interface CorpusOptions {
  pages: number;
  seed?: number;
  projects?: number;
  minWords?: number;
  maxWords?: number;
}

export interface CorpusPage {
  rel: string;
  text: string;
}

export const FOLDERS = ['decisions', 'rules', 'notes', 'gotchas', 'concepts', 'procedures', 'sessions'] as const;

const TECH_WORDS = `postgres database cache redis index query migration schema deploy docker kubernetes
service endpoint latency throughput timeout retry queue worker thread async promise stream buffer
parser compiler token session handoff memory commit branch merge rebase conflict release version
config secret token auth login password user role permission audit log metric trace alert incident
frontend backend api graphql rest json yaml toml markdown wiki search ranking embedding vector
benchmark profile memory leak garbage collector heap stack fiber event loop watcher file system`
  .split(/\s+/)
  .filter(Boolean);

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'to', 'va', 'shi', 'pe', 'dor', 'un', 'zel', 'qua', 'bri', 'fen', 'gor', 'hal', 'ix', 'jun'];

/** Mulberry32: small, fast and deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The most frequent words of English prose; they take the top Zipf ranks, as in real text.
const FUNCTION_WORDS = `the of and to a in is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so no what can out
other into more some could them than then its our these two may first any like now my over such
only also new very after most where through just made did should well those way even because each`
  .split(/\s+/)
  .filter(Boolean);

/**
 * Function words first, then engineering terms spread over ranks 150-3000 (mid frequency, like
 * the topic words of a real wiki), then synthetic words for the long tail.
 */
function buildVocabulary(random: () => number, size: number): string[] {
  const synthetic = new Set<string>();
  const reserved = new Set([...FUNCTION_WORDS, ...TECH_WORDS]);
  while (synthetic.size < size - reserved.size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!reserved.has(word)) synthetic.add(word);
  }
  const words = [...FUNCTION_WORDS, ...synthetic];
  TECH_WORDS.forEach((term, i) => {
    const rank = 150 + Math.floor(((i + random()) / TECH_WORDS.length) * 2850);
    words.splice(rank, 0, term);
  });
  return words;
}

/** Samples an index in [0, n) with probability proportional to 1/(i+1). */
function zipf(random: () => number, n: number): number {
  const hn = Math.log(n) + 0.5772;
  const target = random() * hn;
  return Math.min(n - 1, Math.max(0, Math.floor(Math.exp(target - 0.5772)) - 1));
}

export function* generateCorpus(options: CorpusOptions): Generator<CorpusPage> {
  const random = rng(options.seed ?? 42);
  const vocabulary = buildVocabulary(random, 40_000);
  const projects = Math.max(1, options.projects ?? 4);
  const minWords = options.minWords ?? 300;
  const maxWords = options.maxWords ?? 1500;
  const word = () => vocabulary[zipf(random, vocabulary.length)]!;
  const functionWords = new Set(FUNCTION_WORDS);
  // Names, titles and tags are made of content words, as people write them.
  const content = (): string => {
    const w = word();
    return functionWords.has(w) ? content() : w;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const stems: string[][] = Array.from({ length: projects }, () => []);
  const plan = Array.from({ length: options.pages }, (_, i) => {
    const project = i % projects;
    const folder = FOLDERS[Math.floor(i / projects) % FOLDERS.length]!;
    const stem = `${content()}-${content()}-${i}`;
    stems[project]!.push(`${folder}/${stem}`);
    return { project, folder, stem, i };
  });

  for (const { project, folder, stem, i } of plan) {
    const own = stems[project]!;
    const target = () => (random() < 0.03 ? `missing-${content()}-${i}` : pick(own).split('/')[1]!);
    const link = () => {
      const roll = random();
      if (roll < 0.35) return `[[${target()}]]`;
      if (roll < 0.5) return `[[${target()}|${content()} ${content()}]]`;
      if (roll < 0.65) return `[[${target()}#${content()}]]`;
      const path = random() < 0.03 ? `missing-${i}.md` : `../${pick(own)}.md`;
      return `[${content()} ${content()}](${path})`;
    };
    const sentence = () => {
      const n = 6 + Math.floor(random() * 14);
      const words = Array.from({ length: n }, word);
      if (random() < 0.35) words.splice(Math.floor(random() * n), 0, link());
      const text = words.join(' ');
      return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
    };
    const title = `${content()} ${word()} ${content()}`;
    const budget = minWords + Math.floor(random() * (maxWords - minWords));
    const blocks: string[] = [`# ${title[0]!.toUpperCase()}${title.slice(1)}`];
    let words = 0;
    while (words < budget) {
      const roll = random();
      if (roll < 0.08) blocks.push(`## ${content()} ${content()}`);
      else if (roll < 0.16) blocks.push(Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n'));
      // A `|` alias would split a GFM table cell, so tables get plain wikilinks.
      else if (roll < 0.2) blocks.push(`| ${word()} | ${word()} |\n| --- | --- |\n| ${word()} | [[${target()}]] |`);
      else if (roll < 0.26) {
        // Code that looks like links: must be ignored by every link extractor.
        blocks.push(`\`\`\`ts\nconst x = "[[${target()}]]"; // [fake](${pick(own)}.md)\n${word()}(${word()});\n\`\`\``);
      } else if (roll < 0.29) blocks.push(`Inline \`[[${target()}]]\` code and ${sentence()}`);
      else blocks.push(Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '));
      words += blocks[blocks.length - 1]!.split(/\s+/).length;
    }
    const frontmatter = [
      '---',
      `title: ${title}`,
      `kind: ${folder === 'sessions' ? 'session' : folder.replace(/s$/, '')}`,
      `tags: [${content()}, ${content()}]`,
      `created: 2026-0${1 + (i % 9)}-1${i % 10}`,
      `updated: 2026-1${i % 2}-0${1 + (i % 9)}`,
      '---',
    ].join('\n');
    yield { rel: `default/project-${project}/${folder}/${stem}.md`, text: `${frontmatter}\n${blocks.join('\n\n')}\n` };
  }
}

export async function writeCorpus(dir: string, options: CorpusOptions, onProgress?: (done: number) => void): Promise<number> {
  let count = 0;
  for (const page of generateCorpus(options)) {
    const path = join(dir, page.rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, page.text);
    count += 1;
    if (count % 500 === 0) onProgress?.(count);
  }
  return count;
}

/**
 * A git repository of `pages` generated pages under `<template>/wiki`, made once and reused by
 * every run (generating and committing 10k-50k pages takes longer than the measurements).
 */
export async function ensureCorpusRepo(template: string, pages: number, log: (message: string) => void, onProgress: (done: number) => void): Promise<void> {
  if (existsSync(join(template, 'wiki/.git'))) return;
  log(`generating a ${pages}-page wiki in ${template}`);
  await rm(template, { recursive: true, force: true });
  const wiki = join(template, 'wiki');
  await mkdir(wiki, { recursive: true });
  await writeCorpus(wiki, { pages }, onProgress);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: wiki });
  execFileSync('git', ['add', '-A'], { cwd: wiki });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'Import generated corpus'], { cwd: wiki });
}
