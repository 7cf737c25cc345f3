/** "1 page", "2 pages", "1 entry", "3 entries": counts in human output read as English. */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
