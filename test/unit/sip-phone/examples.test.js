'use strict';
// The shipped example flows: well-formed, self-contained, and every prompt they play is shipped.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '..', '..', 'examples');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('sip-phone examples', () => {
  it('the loopback demo sorts first', () => {
    assert.match(files[0], /^01 Loopback demo\.json$/);
    assert.ok(files.length >= 4);
  });
  for (const f of files) {
    it(`${f}: ids unique, wires and accounts resolve, prompts exist`, () => {
      const flow = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const ids = new Set(flow.map((n) => n.id));
      assert.equal(ids.size, flow.length);
      for (const n of flow) {
        for (const port of n.wires || []) for (const t of port) assert.ok(ids.has(t), `${n.id} wired to missing ${t}`);
        if (n.type === 'sip-phone') {
          const acc = flow.find((x) => x.id === n.account);
          assert.ok(acc && acc.type === 'sip-account', `${n.name}: account in the file`);
          assert.equal(acc.localAddress, '127.0.0.1', 'examples stay on this machine');
        }
        const text = JSON.stringify(n);
        for (const m of text.matchAll(/examples\/media\/[\w.-]+\.wav/g)) {
          assert.ok(fs.existsSync(path.join(dir, '..', m[0])), `${m[0]} is shipped`);
        }
        assert.doesNotMatch(text, /example\.com|192\.0\.2\./);
      }
    });
  }
});
