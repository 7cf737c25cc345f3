import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textWithCode } from '../../lib/server/web/html.js';

describe('handoff text in the web UI', () => {
  it('shows code spans as code and escapes everything, inside them too', () => {
    assert.equal(textWithCode('The last tool call failed (Bash `npm run lint`): Exit 1').value, 'The last tool call failed (Bash <code>npm run lint</code>): Exit 1');
    assert.equal(textWithCode('run `</code><script>x()</script>` & <b>').value, 'run <code>&lt;/code&gt;&lt;script&gt;x()&lt;/script&gt;</code> &amp; &lt;b&gt;');
    assert.equal(textWithCode('an unpaired ` stays').value, 'an unpaired ` stays');
  });
});
