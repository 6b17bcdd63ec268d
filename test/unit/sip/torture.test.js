'use strict';
const assert = require('node:assert/strict');
const sip = require('../../../dist/core/sip');
const { valid, invalid } = require('./torture-messages');

const parse = (buf) => sip.parseMessage(buf, { datagram: true });

describe('sip/parser: RFC 4475 torture tests', () => {
  describe('valid messages parse with the right values', () => {
    it('3.1.1.1 wsinv: folding, LWS everywhere, compact forms, escapes in quotes', () => {
      const m = parse(valid.wsinv);
      assert.equal(m.method, 'INVITE');
      assert.equal(m.uri.host, 'chair-dnrc.example.com');
      assert.equal(m.uri.params.get('unknownparam'), null);
      assert.equal(m.toTag, '1918181833n');
      assert.equal(m.to.uri.user, 'vivekg');
      assert.equal(m.from.displayName, 'J Rosenberg \\"');
      assert.equal(m.fromTag, '98asjd8');
      assert.equal(m.maxForwards, 68);
      assert.equal(m.callId, 'wsinv.ndaksdj@192.0.2.1');
      assert.deepEqual(m.cseq, { seq: 9, method: 'INVITE' });
      assert.equal(m.via.length, 3);
      assert.equal(m.topVia.transport, 'UDP');
      assert.equal(m.topVia.host, '192.0.2.2');
      assert.equal(m.branch, '390skdjuw');
      assert.equal(m.via[1].transport, 'TCP');
      assert.equal(m.via[1].host, 'spindle.example.com');
      assert.equal(sip.viaBranch(m.via[1]), 'z9hG4bK9ikj8');
      assert.equal(sip.viaBranch(m.via[2]), 'z9hG4bK30239');
      assert.equal(m.get('subject'), '');
      assert.equal(m.get('NewFangledHeader'), 'newfangled value continued newfangled value');
      assert.equal(m.get('UnknownHeaderWithUnusualValue'), ';;,,;;,;');
      assert.equal(m.route[0].uri.params.get('unknownwith'), 'value');
      assert.equal(m.route[0].uri.params.has('lr'), true);
      const c = m.contact[0];
      assert.equal(c.displayName, 'Quoted string ""');
      assert.equal(c.params.get('newparam'), 'newvalue');
      assert.equal(c.params.get('secondparam'), null);
      assert.equal(c.params.get('q'), '0.33');
      assert.equal(m.body.length, 150);
      assert.equal(m.contentType.subtype, 'sdp');
    });

    it('3.1.1.2 intmeth: the full range of token, word and quoted characters', () => {
      const m = parse(valid.intmeth);
      assert.equal(m.method, "!interesting-Method0123456789_*+`.%indeed'~");
      assert.equal(m.uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
      assert.equal(m.uri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
      assert.equal(m.to.displayName, 'BEL:\x07 NUL:\x00 DEL:\x7F');
      assert.equal(m.from.displayName, "token1~` token2'+_ token3*%!.-");
      assert.equal(m.fromTag, "_token~1'+`*%!-.");
      assert.equal(m.from.params.get("fromParam''~+*_!.-%"), '\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439');
      assert.equal(m.callId, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
      assert.equal(m.cseq.method, m.method);
      assert.equal(m.branch, "z9hG4bK-.!%66*_+`'~");
      assert.equal(m.get("extensionHeader-!.%*+_`'~"), '\uFEFF\u5927\u505C\u96FB');
    });

    it('3.1.1.3 esc01: escapes in user parts and URI parameters', () => {
      const m = parse(valid.esc01);
      assert.equal(sip.uriUser(m.uri), 'sips:user@example.com');
      assert.equal(sip.uriUser(m.to.uri), 'user');
      assert.equal(sip.uriUser(m.from.uri), 'I have spaces');
      assert.equal(m.callId, 'esc01.239409asdfakjkn23onasd0-3234');
      assert.equal(m.contentType.type, 'application');
      const cu = m.contact[0].uri;
      assert.equal(sip.uriUser(cu), 'caller');
      assert.ok(sip.uriEquals(cu, sip.parseUri('sip:caller@host5.example.net;lr;name=value%41')));
    });

    it('3.1.1.4 escnull: escaped NULs', () => {
      const m = parse(valid.escnull);
      assert.equal(sip.uriUser(m.to.uri), 'null-\x00-null');
      assert.equal(m.contact.length, 2);
      assert.equal(sip.uriUser(m.contact[1].uri), '\x00\x00');
    });

    it('3.1.1.5 esc02: % that is not an escape in method, display name and branch', () => {
      const m = parse(valid.esc02);
      assert.equal(m.method, 'RE%47IST%45R');
      assert.equal(m.to.displayName, '%Z%45');
      assert.equal(m.branch, 'z9hG4bK209%fzsnel234');
      assert.equal(m.contact.length, 2, 'C%6Fntact is not Contact');
      assert.equal(m.get('C%6Fntact'), '<sip:alias2@host2.example.com>');
    });

    it('3.1.1.6 lwsdisp: no LWS between display name and <', () => {
      const m = parse(valid.lwsdisp);
      assert.equal(m.from.displayName, 'caller');
      assert.equal(m.fromTag, '323');
    });

    it('3.1.1.7 longreq: long values and 34 Via headers in every spelling', () => {
      const m = parse(valid.longreq);
      assert.equal(m.via.length, 34);
      assert.equal(m.topVia.host, 'sip33.example.com');
      assert.equal(m.via[33].params.get('received'), '192.0.2.5');
      assert.equal(m.to.uri.port, 6000);
      assert.match(m.callId, /^longreq\.one(really){20}longcallid$/);
      assert.equal(m.fromTag.length, 2 + 120 + 3);
    });

    it('3.1.1.8 dblreq: bytes after Content-Length in a datagram are ignored', () => {
      const m = parse(valid.dblreq);
      assert.equal(m.method, 'REGISTER');
      assert.equal(m.body.length, 0);
      assert.equal(m.contact[0].angle, false);
    });

    it('3.1.1.9 semiuri: ; in the user part', () => {
      const m = parse(valid.semiuri);
      assert.equal(sip.uriUser(m.uri), 'user;par=u@example.net');
      assert.equal(m.uri.host, 'example.com');
      assert.equal(m.uri.params.size, 0);
      assert.equal(m.values('accept').length, 6);
    });

    it('3.1.1.10 transports: known and unknown transports in Via', () => {
      const m = parse(valid.transports);
      assert.deepEqual(m.via.map((v) => v.transport), ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
    });

    it('3.1.1.11 mpart01: a binary multipart body is kept byte for byte', () => {
      const m = parse(valid.mpart01);
      assert.equal(m.contentType.params.get('boundary'), '7a9cbec02ceef655');
      assert.ok(m.body.includes(Buffer.from([0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x00, 0xff])));
      assert.deepEqual(sip.parseMessage(sip.serialize(m), {}).body, m.body);
    });

    it('3.1.1.12 unreason: UTF-8 reason phrase', () => {
      const m = parse(valid.unreason);
      assert.equal(m.status, 200);
      assert.match(m.reasonPhrase, /^= 2\*\*3 \* 5\*\*2 \u043d\u043e/);
    });

    it('3.1.1.13 noreason: empty reason phrase', () => {
      const m = parse(valid.noreason);
      assert.equal(m.status, 100);
      assert.equal(m.reasonPhrase, '');
    });

    it('3.2.1 badbranch: a bare magic cookie branch is still a message', () => {
      assert.equal(parse(valid.badbranch).branch, 'z9hG4bK');
    });

    it('3.3.4 unksm2: unknown URI schemes in To, From and Contact', () => {
      const m = parse(valid.unksm2);
      assert.equal(m.to.uri.scheme, 'isbn');
      assert.equal(m.from.uri.scheme, 'http');
      assert.equal(m.contact[0].uri.scheme, 'name');
    });

    it('3.3.7 regaut01: unknown authorization scheme', () => {
      const m = parse(valid.regaut01);
      assert.equal(m.authorization[0].scheme, 'NoOneKnowsThisScheme');
      assert.equal(m.authorization[0].params.get('opaque-data'), 'here');
    });

    it('3.3.12/13/14 cparam01, cparam02, regescrt: header vs URI parameters', () => {
      const c1 = parse(valid.cparam01).contact[0];
      assert.equal(c1.params.has('unknownparam'), true);
      assert.equal(c1.uri.params.has('unknownparam'), false);
      const c2 = parse(valid.cparam02).contact[0];
      assert.equal(c2.params.has('unknownparam'), false);
      assert.equal(c2.uri.params.has('unknownparam'), true);
      const c3 = parse(valid.regescrt).contact[0];
      assert.deepEqual(c3.uri.headers, [['Route', '%3Csip:sip.example.com%3E']]);
    });

    it('3.4.1 inv2543: RFC 2543 syntax without Content-Length on UDP', () => {
      const m = parse(valid.inv2543);
      assert.equal(m.branch, undefined);
      assert.equal(m.fromTag, undefined);
      assert.equal(m.to.params.get('user'), 'phone', 'an addr-spec cannot carry URI params: user=phone is a header param');
      assert.match(m.bodyText, /m=audio 49217 RTP\/AVP 0\r\n$/);
    });

    for (const name of ['unkscm', 'novelsc', 'bext01', 'invut', 'bcast', 'zeromf', 'sdp01']) {
      it(`3.3 ${name} parses`, () => {
        assert.doesNotThrow(() => parse(valid[name]));
      });
    }

    it('every valid message survives serialise → parse with the same core values', () => {
      for (const [name, buf] of Object.entries(valid)) {
        const a = parse(buf);
        const b = sip.parseMessage(sip.serialize(a), {});
        assert.equal(b.callId, a.callId, name);
        assert.deepEqual(b.cseq, a.cseq, name);
        assert.equal(b.via.length, a.via.length, name);
        assert.deepEqual(b.body, a.body, name);
      }
    });
  });

  describe('invalid messages are rejected with the status RFC 4475 asks for', () => {
    for (const [name, [buf, status]] of Object.entries(invalid)) {
      it(`${name}: ${status === 0 ? 'dropped' : `answered ${status}`}`, () => {
        let err;
        try {
          parse(buf);
        } catch (e) {
          err = e;
        }
        assert.ok(err instanceof sip.SipMessageError, `${name} must be rejected, got ${err}`);
        if (status === 0) assert.equal(err.partial, undefined, `${name} must not be answered`);
        else {
          assert.ok(err.partial, `${name} must be answerable`);
          assert.equal(err.status, status);
          const res = sip.createResponse(err.partial, err.status);
          assert.equal(res.get('call-id'), err.partial.get('call-id'));
        }
      });
    }
  });

  describe('application-level checks of RFC 3261 §8.2 (RFC 4475 §3.3)', () => {
    const stack = new sip.SipStack({ transports: [], accept: ['application/sdp'] });
    const check = (name) => stack.uasCheck(parse(valid[name]));
    it('unkscm and novelsc: 416', () => {
      assert.equal(check('unkscm').status, 416);
      assert.equal(check('novelsc').status, 416);
    });
    it('bext01: 420 listing both unknown Require tags, Proxy-Require ignored by a UAS', () => {
      const r = check('bext01');
      assert.equal(r.status, 420);
      assert.deepEqual(r.headers, [['Unsupported', 'nothingSupportsThis, nothingSupportsThisEither']]);
    });
    it('invut: 415 with Accept', () => {
      const r = check('invut');
      assert.equal(r.status, 415);
      assert.deepEqual(r.headers[0], ['Accept', 'application/sdp']);
    });
    it('an unknown method: 501 with Allow; a known one not allowed: 405', () => {
      const r = check('esc02');
      assert.equal(r.status, 501);
      assert.equal(r.headers[0][0], 'Allow');
      const s2 = new sip.SipStack({ transports: [], allow: ['INVITE', 'ACK', 'BYE', 'CANCEL'] });
      assert.equal(s2.uasCheck(parse(valid.zeromf)).status, 405);
    });
    it('zeromf, sdp01, lwsdisp: accepted by the checks', () => {
      assert.equal(check('zeromf'), undefined);
      assert.equal(check('sdp01'), undefined);
      assert.equal(check('lwsdisp'), undefined);
    });
  });
});
