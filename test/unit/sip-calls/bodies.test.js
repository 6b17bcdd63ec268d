'use strict';
const assert = require('node:assert/strict');
const { parseInfoDtmf, formatInfoDtmf, toDtmfDigit } = require('../../../dist/core/sip/bodies/dtmf-info');
const { parseSipfrag, formatSipfrag } = require('../../../dist/core/sip/bodies/sipfrag');
const { parseMessageSummary, formatMessageSummary } = require('../../../dist/core/sip/bodies/message-summary');
const { parseDialogInfo, blfStateOf, formatDialogInfo } = require('../../../dist/core/sip/bodies/dialog-info');
const { parseReplaces, formatReplaces, uriWithReplaces, parseReferTo } = require('../../../dist/core/sip/headers/replaces');

describe('sip-calls/bodies', () => {
  describe('INFO DTMF', () => {
    it('parses application/dtmf-relay with any case and LF lines', () => {
      assert.deepEqual(parseInfoDtmf('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'), { digit: '5', durationMs: 160 });
      assert.deepEqual(parseInfoDtmf('Application/DTMF-Relay; x=y', 'signal = #\nduration= 250\n'), { digit: '#', durationMs: 250 });
      assert.deepEqual(parseInfoDtmf('application/dtmf-relay', 'Signal=11\r\n'), { digit: '#' });
      assert.deepEqual(parseInfoDtmf('application/dtmf-relay', 'Signal=a\r\n'), { digit: 'A' });
    });
    it('parses application/dtmf as a bare digit or an event code', () => {
      assert.deepEqual(parseInfoDtmf('application/dtmf', '7'), { digit: '7' });
      assert.deepEqual(parseInfoDtmf('application/dtmf', '10\r\n'), { digit: '*' });
      assert.deepEqual(parseInfoDtmf('application/dtmf', 'Signal=3'), { digit: '3' });
    });
    it('rejects junk and other types', () => {
      assert.equal(parseInfoDtmf('application/dtmf-relay', 'Signal=Z\r\n'), undefined);
      assert.equal(parseInfoDtmf('application/dtmf-relay', 'Duration=100'), undefined);
      assert.equal(parseInfoDtmf('text/plain', '5'), undefined);
      assert.equal(parseInfoDtmf('application/dtmf', '99'), undefined);
      assert.equal(parseInfoDtmf('application/dtmf-relay', 'Signal=1\r\n' + 'x'.repeat(5000)), undefined);
      assert.equal(toDtmfDigit(''), undefined);
    });
    it('round-trips', () => {
      assert.deepEqual(parseInfoDtmf('application/dtmf-relay', formatInfoDtmf('application/dtmf-relay', '*', 200)), { digit: '*', durationMs: 200 });
      assert.deepEqual(parseInfoDtmf('application/dtmf', formatInfoDtmf('application/dtmf', 'D')), { digit: 'D' });
    });
  });

  describe('message/sipfrag', () => {
    it('reads the status line', () => {
      assert.deepEqual(parseSipfrag('SIP/2.0 180 Ringing\r\n'), { code: 180, reason: 'Ringing' });
      assert.deepEqual(parseSipfrag('SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'), { code: 200, reason: 'OK' });
      assert.deepEqual(parseSipfrag(formatSipfrag(503, 'Service Unavailable')), { code: 503, reason: 'Service Unavailable' });
      assert.equal(parseSipfrag('INVITE sip:a@127.0.0.1 SIP/2.0'), undefined);
      assert.equal(parseSipfrag('SIP/2.0 999 Nope'), undefined);
    });
  });

  describe('simple-message-summary (RFC 3842)', () => {
    it('reads the RFC example', () => {
      const s = parseMessageSummary('Messages-Waiting: yes\r\nMessage-Account: sip:alice@127.0.0.1\r\nVoice-Message: 2/8 (0/2)\r\n');
      assert.equal(s.waiting, true);
      assert.equal(s.account, 'sip:alice@127.0.0.1');
      assert.equal(s.newMessages, 2);
      assert.equal(s.oldMessages, 8);
      assert.equal(s.urgentOld, 2);
    });
    it('adds up classes when there is no voice-message line', () => {
      const s = parseMessageSummary('Messages-Waiting: no\nFax-Message: 1/2\nText-Message: 3/4 (1/0)\n');
      assert.equal(s.waiting, false);
      assert.equal(s.newMessages, 4);
      assert.equal(s.oldMessages, 6);
      assert.equal(s.urgentNew, 1);
    });
    it('needs Messages-Waiting and round-trips', () => {
      assert.equal(parseMessageSummary('Voice-Message: 1/1'), undefined);
      const s = parseMessageSummary(formatMessageSummary({ newMessages: 3, oldMessages: 5, urgentNew: 1, urgentOld: 0 }));
      assert.deepEqual([s.waiting, s.newMessages, s.oldMessages, s.urgentNew], [true, 3, 5, 1]);
    });
  });

  describe('dialog-info+xml (RFC 4235)', () => {
    const doc = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version='3' state="full" entity="sip:bob@127.0.0.1">
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
    <state event="remote">early</state>
  </dialog>
</dialog-info>`;
    it('reads dialogs and reduces them to a lamp', () => {
      const i = parseDialogInfo(doc);
      assert.equal(i.entity, 'sip:bob@127.0.0.1');
      assert.equal(i.version, 3);
      assert.equal(i.full, true);
      assert.equal(i.dialogs.length, 1);
      assert.equal(i.dialogs[0].callId, 'a84b4c76e66710');
      assert.equal(i.dialogs[0].direction, 'initiator');
      assert.equal(i.dialogs[0].event, 'remote');
      assert.equal(blfStateOf(i), 'ringing');
      assert.equal(blfStateOf(parseDialogInfo(doc.replace('early', 'confirmed'))), 'busy');
      assert.equal(blfStateOf(parseDialogInfo('<dialog-info version="0" state="full" entity="sip:x@127.0.0.1"/>')), 'idle');
    });
    it('accepts prefixes and round-trips; rejects non-documents', () => {
      const p = parseDialogInfo('<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="1" state="partial" entity="e"><d:dialog id="x"><d:state>terminated</d:state></d:dialog></d:dialog-info>');
      assert.equal(p.full, false);
      assert.equal(blfStateOf(p), 'idle');
      const r = parseDialogInfo(formatDialogInfo({ entity: 'sip:a&b@127.0.0.1', version: 9, full: true, dialogs: [{ id: '1', state: 'confirmed', remoteTag: 't<' }] }));
      assert.equal(r.entity, 'sip:a&b@127.0.0.1');
      assert.equal(r.dialogs[0].remoteTag, 't<');
      assert.equal(parseDialogInfo('<html/>'), undefined);
    });
  });

  describe('Replaces and Refer-To', () => {
    it('parses and formats Replaces', () => {
      assert.deepEqual(parseReplaces('98732@h;from-tag=r33;to-tag=ff87;early-only'), { callId: '98732@h', toTag: 'ff87', fromTag: 'r33', earlyOnly: true });
      assert.equal(parseReplaces('abc;to-tag=1'), undefined);
      assert.equal(formatReplaces({ callId: 'c', toTag: 't', fromTag: 'f', earlyOnly: false }), 'c;to-tag=t;from-tag=f');
    });
    it('embeds Replaces in a Refer-To URI and reads it back', () => {
      const r = { callId: '12345@127.0.0.1', toTag: 'a;b', fromTag: '5FFE', earlyOnly: false };
      const uri = uriWithReplaces('sip:carol@127.0.0.1:5200', r);
      assert.match(uri, /^sip:carol@127\.0\.0\.1:5200\?Replaces=12345%40127\.0\.0\.1%3Bto-tag%3Da%3Bb/);
      const t = parseReferTo(`"Carol" <${uri}>;method=INVITE`);
      assert.equal(t.uri, 'sip:carol@127.0.0.1:5200');
      assert.equal(t.displayName, 'Carol');
      assert.equal(t.replaces.callId, '12345@127.0.0.1');
      assert.equal(t.replaces.fromTag, '5FFE');
    });
    it('accepts bare URIs and refuses non-SIP ones', () => {
      assert.equal(parseReferTo('sip:bob@127.0.0.1;x=1').uri, 'sip:bob@127.0.0.1');
      assert.equal(parseReferTo('<http://127.0.0.1/>'), undefined);
      assert.equal(parseReferTo('<sip:a@b?Replaces=%ZZ>'), undefined);
    });
  });
});
