import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relatedWords } from '../../lib/core/related-words.js';

describe('related words', () => {
  it('relates every word of a group to every other, phrases included', () => {
    assert.ok(relatedWords('ram').includes('memory'));
    assert.ok(relatedWords('memory').includes('oom'));
    assert.ok(relatedWords('spreadsheet').includes('csv'));
    assert.ok(relatedWords('pipeline').includes('continuous integration'));
    assert.ok(!relatedWords('ram').includes('ram'), 'never the word itself');
  });

  it('relates a kind of tool to the products of that kind, one way', () => {
    assert.ok(relatedWords('queue').includes('sidekiq'));
    assert.ok(relatedWords('queues').includes('bullmq'), 'a plural finds the base form');
    assert.ok(relatedWords('database').includes('postgres'));
    // A product's name finds its own pages; its kind would lift the pages of the other products.
    assert.deepEqual(relatedWords('sidekiq'), []);
    assert.ok(!relatedWords('clerk').includes('auth0'), 'products of one kind are alternatives, not synonyms');
  });

  it('leaves products whose names are everyday words out', () => {
    for (const word of ['express', 'fly', 'render']) assert.ok(!relatedWords('framework').concat(relatedWords('hosting')).includes(word), word);
  });
});
