import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relevanceScores, type RelevanceStreams } from '../../lib/core/ranking.js';
import { prepareFtsQuery } from '../../lib/core/search-query.js';
import { answerCues } from '../../lib/core/answer-cues.js';

const streams = (over: Partial<RelevanceStreams>): RelevanceStreams => ({
  fullText: [],
  titles: [],
  titleOnlyLimit: 40,
  queryTerms: 1,
  linked: () => [],
  coCited: () => [],
  ...over,
});

describe('relevanceScores', () => {
  it('lends part of a strong hit to the page listed right beside it, less further away', () => {
    const scores = relevanceScores(
      streams({
        fullText: [{ rel: 'question', rank: -10 }, { rel: 'weak', rank: -1 }],
        coCited: (rel) => (rel === 'question' ? [{ rel: 'reply', distance: 1 }, { rel: 'later', distance: 3 }] : []),
      }),
    );
    assert.equal(scores.get('question'), 1);
    assert.ok(scores.get('reply')! > scores.get('later')!);
    assert.ok(scores.get('reply')! > scores.get('weak')!, 'the reply beside the best match outranks a weak match');
  });

  it('gives the entry after a question more of its score than the entry after a statement', () => {
    const scores = relevanceScores(
      streams({
        fullText: [{ rel: 'asks', rank: -10 }, { rel: 'tells', rank: -10 }],
        coCited: (rel) => [{ rel: `after-${rel}`, distance: 1, after: true }],
        asksQuestion: (rel) => rel === 'asks',
      }),
    );
    assert.ok(scores.get('after-asks')! > scores.get('after-tells')!);
    assert.ok(scores.get('after-asks')! < scores.get('asks')!, 'the answer still ranks below the question that matched');
  });

  it('counts a title by the share of the query it covers', () => {
    const scores = relevanceScores(
      streams({
        queryTerms: 4,
        titles: [{ rel: 'all-words', score: 10, matchedTerms: 4 }, { rel: 'one-common-word', score: 10, matchedTerms: 1 }],
      }),
    );
    assert.ok(scores.get('all-words')! > 10 * scores.get('one-common-word')!);
  });
});

describe('query dates and possessives', () => {
  it('turns calendar dates into date phrases in either order', () => {
    assert.equal(prepareFtsQuery('what happened on 7 July, 2023').match, '"7 july 2023" OR "july 7 2023" OR "happened"');
    assert.equal(prepareFtsQuery('May 25th 2022 release').match, '"25 may 2022" OR "may 25 2022" OR "release"');
    assert.equal(prepareFtsQuery('plans for February 2023').match, '"february 2023" OR "plans"');
  });

  it('keeps ISO dates as they are written in file names, too', () => {
    assert.equal(prepareFtsQuery('2023-05-08').match, '"8 may 2023" OR "may 8 2023" OR "2023 05 08"');
  });

  it("drops a possessive 's instead of searching for the letter s", () => {
    assert.equal(prepareFtsQuery("Caroline's identity").match, '"caroline" OR "identity"');
  });
});

describe('word forms and months', () => {
  it('matches the forms of an irregular verb and plural the stemmer cannot join', () => {
    assert.equal(prepareFtsQuery('where did she go').match, '("go" OR "went" OR "gone")');
    assert.equal(prepareFtsQuery('children books').match, '("children" OR "child" OR "kid" OR "kids") OR "books"');
  });

  it('reads a month after a preposition as a month, not as the verb "may"', () => {
    assert.equal(prepareFtsQuery('which park did Joanna visit in May').match, '"may" OR "park" OR "joanna" OR "visit"');
    assert.equal(prepareFtsQuery('you may visit the park').match, '"visit" OR "park"');
  });
});

describe('answer cues', () => {
  it('asks "when" questions for words that state a time, and nothing the query already says', () => {
    const cues = answerCues('When did we migrate the database?')!;
    assert.match(cues, /"yesterday"/);
    assert.match(cues, /"last week"/);
    assert.doesNotMatch(answerCues('When did we migrate last week?')!, /"last week"/);
  });

  it('has cues for durations, frequencies and counts, and none for other questions', () => {
    assert.match(answerCues('How long has she had the turtles?')!, /"years"/);
    assert.match(answerCues('How often does he run?')!, /"every"/);
    assert.match(answerCues('How many kids does she have?')!, /"three"/);
    assert.equal(answerCues('What is the retry policy?'), null);
    assert.equal(answerCues('retry policy'), null);
  });
});
