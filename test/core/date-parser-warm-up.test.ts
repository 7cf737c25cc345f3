import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractDates, warmDateParser } from '../../lib/core/query-dates.js';

const AS_OF = new Date('2026-03-15T12:00:00Z');
const QUESTIONS = [
  'what did we decide in May 2024 about the release on 3 June',
  'how does the loader handle mijun?',
  'what did we do last week',
  'the hosting before October',
  'you may want the lojun notes',
];

test('warming the date parser up changes no answer', () => {
  const before = QUESTIONS.map((q) => extractDates(q, AS_OF));
  warmDateParser();
  warmDateParser();
  assert.deepEqual(QUESTIONS.map((q) => extractDates(q, AS_OF)), before);
});
