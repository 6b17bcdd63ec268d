'use strict';
const assert = require('node:assert/strict');
const { accountOptions, parseCodecs } = require('../../../dist/sip-phone/account-config');

describe('sip-account properties -> user agent options', () => {
  it('needs only server, username and password', () => {
    const o = accountOptions({ server: '127.0.0.1:5460', username: 'alice' }, { password: 'pw' });
    assert.deepEqual(o, {
      server: '127.0.0.1:5460', transport: 'udp', username: 'alice', register: true, expires: 600,
      codecs: ['PCMU', 'PCMA'], dtmfMode: 'rfc4733', rtpPortMin: 10000, rtpPortMax: 20000,
      maxCalls: 4, transferPolicy: 'accept', localPort: 0, password: 'pw',
    });
  });

  it('peer-to-peer when server is empty: never registers', () => {
    const o = accountOptions({ server: '', username: 'a', register: true, localAddress: '127.0.0.1', localPort: '5400' }, {});
    assert.equal(o.register, false);
    assert.equal(o.server, undefined);
    assert.equal(o.localPort, 5400);
    assert.equal(o.localAddress, '127.0.0.1');
  });

  it('takes the editor strings and refuses nonsense', () => {
    const o = accountOptions({ server: 'pbx.local', username: 'a', expires: '120', codecs: 'PCMA,PCMU', transport: 'TLS', tlsRejectUnauthorized: false }, { authUsername: 'a1' });
    assert.equal(o.expires, 120);
    assert.deepEqual(o.codecs, ['PCMA', 'PCMU']);
    assert.equal(o.transport, 'tls');
    assert.deepEqual(o.tls, { rejectUnauthorized: false });
    assert.equal(o.authUsername, 'a1');
    const bad = (props, field) => assert.throws(() => accountOptions(props, {}), (e) => e.key === 'badConfig' && e.params.field === field);
    bad({ server: 'a b', username: 'a' }, 'server');
    bad({ username: '' }, 'username');
    bad({ username: 'a@b' }, 'username');
    bad({ username: 'a', transport: 'sctp' }, 'transport');
    bad({ username: 'a', expires: '5' }, 'expires');
    bad({ username: 'a', rtpPortMin: 20000, rtpPortMax: 20000 }, 'rtpPortMax');
    bad({ username: 'a', dtmfMode: 'inband' }, 'dtmfMode');
    bad({ username: 'a', codecs: 'G729' }, 'codecs');
  });

  it('orders codecs without duplicates', () => {
    assert.deepEqual(parseCodecs(['pcma', 'PCMA', 'pcmu']), ['PCMA', 'PCMU']);
    assert.deepEqual(parseCodecs(''), ['PCMU', 'PCMA']);
  });
});
