import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryError } from '../../lib/core/errors.js';
import { LIMITS } from '../../lib/core/wire/limits.js';
import { numberParam, parseWire } from '../../lib/core/wire/parse.js';
import { writePageRequest } from '../../lib/core/wire/pages.js';
import { searchRequest } from '../../lib/core/wire/search.js';

function refusal(run: () => unknown): MemoryError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MemoryError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('parseWire', () => {
  it('names the field and the rule, with the path of a nested field', () => {
    const long = refusal(() => parseWire(searchRequest, { q: 'x'.repeat(LIMITS.queryChars + 1) }));
    assert.equal(long.code, 'INVALID_INPUT');
    assert.equal(long.message, `q must be at most ${LIMITS.queryChars} characters`);
    const nested = refusal(() => parseWire(searchRequest, { q: 'x', scopes: [{ workspace: 'default' }] }));
    assert.match(nested.message, /^scopes\[0\]\.project must be a string of 1 to 128 characters$/);
    assert.equal(refusal(() => parseWire(searchRequest, { q: '   ' })).message, 'q (the query) is required');
  });

  it('says PAYLOAD_TOO_LARGE for a body over its byte limit, even under the character count', () => {
    const wide = 'é'.repeat(LIMITS.bodyBytes / 2 + 1);
    assert.ok(wide.length < LIMITS.bodyBytes);
    const error = refusal(() => parseWire(writePageRequest, { path: 'a.md', body: wide }));
    assert.equal(error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(error.message, /^body must be at most 1048576 bytes; split the page$/);
  });

  it('returns the typed request when it is valid, unknown keys dropped on HTTP', () => {
    const request = parseWire(writePageRequest, { path: 'a.md', body: '# A', tags: ['db'], expires_at: '2030-01-01', extra: 1 });
    assert.deepEqual(request, { path: 'a.md', body: '# A', tags: ['db'], expires_at: '2030-01-01' });
    assert.match(refusal(() => parseWire(writePageRequest, { path: 'a.md', body: '# A', expires_at: 'soon' })).message, /^expires_at must be a date/);
  });

  it('reads numbers given as text, leaving anything else for the schema to refuse', () => {
    assert.equal(numberParam('12'), 12);
    assert.equal(numberParam(' 7 '), 7);
    assert.equal(numberParam(''), undefined);
    assert.equal(numberParam('1.5'), '1.5');
    assert.equal(refusal(() => parseWire(searchRequest, { q: 'x', limit: numberParam('abc') })).message, 'limit must be an integer from 1 to 100');
  });
});
