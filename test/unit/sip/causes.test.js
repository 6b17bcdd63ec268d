'use strict';
const assert = require('node:assert/strict');
const causes = require('../../../dist/core/causes');

describe('core/causes', () => {
  it('maps SIP statuses to Q.850 and CALL_STATUS', () => {
    assert.deepEqual(causes.causeFromSip(486), { sip: 486, q850: 17, reason: 'user busy', status: 'BUSY' });
    assert.equal(causes.causeFromSip(404).q850, 1);
    assert.equal(causes.causeFromSip(404).status, 'CONGESTION');
    assert.equal(causes.causeFromSip(480).status, 'NOANSWER');
    assert.equal(causes.causeFromSip(487).status, 'CANCEL');
    assert.equal(causes.causeFromSip(503).q850, 41);
    assert.equal(causes.causeFromSip(603).status, 'DONTCALL');
  });
  it('maps Q.850 to SIP with the Voicenter table', () => {
    assert.equal(causes.causeFromQ850(17).sip, 486);
    assert.equal(causes.causeFromQ850(27).sip, 502);
    assert.equal(causes.causeFromQ850(34).sip, 503);
    assert.equal(causes.causeFromQ850(102).sip, 504);
    assert.equal(causes.causeFromQ850(65).sip, 488);
    assert.equal(causes.causeFromQ850(20).status, 'CHANUNAVAIL');
    assert.equal(causes.causeFromQ850(111).reason, 'protocol error');
  });
  it('reads provider statuses tolerantly', () => {
    assert.equal(causes.parseCallStatus('ANSWERED'), 'ANSWER');
    assert.equal(causes.parseCallStatus('no answer'), 'NOANSWER');
    assert.equal(causes.parseCallStatus('bogus'), undefined);
    assert.equal(causes.causeFromStatus('BUSY').sip, 486);
  });
  it('combines what ended a call', () => {
    assert.equal(causes.causeOf({ sip: 200, answered: true }).status, 'ANSWER');
    assert.equal(causes.causeOf({ cancelled: true }).sip, 487);
    assert.equal(causes.causeOf({ sip: 503, q850: 34 }).q850, 34);
  });
});
