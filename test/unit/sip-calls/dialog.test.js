'use strict';
const assert = require('node:assert/strict');
const { Dialog, uriOf } = require('../../../dist/core/sip/dialog/dialog');

const base = {
  callId: 'c1', localTag: 'L', remoteTag: 'R', localUri: '<sip:alice@127.0.0.1>', remoteUri: '"Bob" <sip:bob@127.0.0.1>',
  remoteTarget: 'sip:bob@127.0.0.1:5299;transport=udp', localSeq: 1,
};

describe('sip-calls/dialog (RFC 3261 §12)', () => {
  it('UAC: route set is Record-Route reversed; loose routing keeps the remote target as Request-URI', () => {
    const d = Dialog.asUac({ ...base, recordRoute: ['<sip:p2.127.0.0.1;lr>', '<sip:127.0.0.1:5251;lr>'] }, true);
    const t = d.nextRequest();
    assert.equal(t.cseq, 2);
    assert.equal(t.requestUri, 'sip:bob@127.0.0.1:5299;transport=udp');
    assert.deepEqual(t.route, ['<sip:127.0.0.1:5251;lr>', '<sip:p2.127.0.0.1;lr>']);
    assert.equal(t.from, '<sip:alice@127.0.0.1>;tag=L');
    assert.equal(t.to, '"Bob" <sip:bob@127.0.0.1>;tag=R');
    assert.equal(d.nextRequest().cseq, 3);
    assert.equal(d.target(2).cseq, 2, 'ACK/CANCEL reuse a CSeq without taking a new one');
  });

  it('UAS: route set in order; strict router puts the remote target last', () => {
    const d = Dialog.asUas({ ...base, recordRoute: ['<sip:127.0.0.1:5252>', '<sip:127.0.0.1:5253;lr>'], remoteSeq: 7 }, false);
    assert.equal(d.state, 'early');
    const t = d.nextRequest();
    assert.equal(t.requestUri, 'sip:127.0.0.1:5252');
    assert.deepEqual(t.route, ['<sip:127.0.0.1:5253;lr>', '<sip:bob@127.0.0.1:5299;transport=udp>']);
  });

  it('checks the peer CSeq; refreshes the target; confirm recomputes a UAC route set from the 2xx', () => {
    const d = Dialog.asUac({ ...base, recordRoute: [] }, false);
    assert.ok(d.acceptRemoteCseq(10, 'INFO'));
    assert.ok(!d.acceptRemoteCseq(9, 'BYE'));
    assert.ok(d.acceptRemoteCseq(9, 'ACK'));
    assert.ok(d.acceptRemoteCseq(11, 'BYE'));
    d.confirm({ remoteTarget: 'sip:bob@127.0.0.1:5298', recordRoute: ['<sip:a;lr>', '<sip:b;lr>'] });
    assert.equal(d.state, 'confirmed');
    assert.deepEqual(d.routeSet, ['<sip:b;lr>', '<sip:a;lr>']);
    d.refreshTarget('"B" <sip:bob@127.0.0.1:5297;ob>;expires=30');
    assert.equal(d.remoteTarget, 'sip:bob@127.0.0.1:5297;ob');
    assert.equal(uriOf('sip:x@127.0.0.1;tag=1'), 'sip:x@127.0.0.1');
    assert.equal(d.key, Dialog.key('c1', 'L', 'R'));
  });
});
