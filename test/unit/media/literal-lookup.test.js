'use strict';
const assert = require('node:assert/strict');
const dgram = require('node:dgram');
const { literalFirstLookup } = require('../../../dist/core/media/literal-lookup');

describe('media/literal-lookup', () => {
  it('answers an IP literal of the wanted family synchronously', () => {
    const seen = [];
    literalFirstLookup('127.0.0.1', 4, (err, address, family) => seen.push([err, address, family]));
    literalFirstLookup('::1', { family: 6 }, (err, address, family) => seen.push([err, address, family]));
    literalFirstLookup('10.1.2.3', { family: 0 }, (err, address, family) => seen.push([err, address, family]));
    assert.deepEqual(seen, [[null, '127.0.0.1', 4], [null, '::1', 6], [null, '10.1.2.3', 4]]);
  });

  it('leaves names and literals of the other family to dns.lookup (asynchronous, its errors)', async () => {
    let sync = true;
    const name = new Promise((resolve) => literalFirstLookup('localhost', 4, (err, address, family) => resolve({ err, address, family, sync })));
    const wrongFamily = new Promise((resolve) => literalFirstLookup('::1', 4, (err, address, family) => resolve({ err, address, family, sync })));
    sync = false;
    const n = await name;
    assert.equal(n.sync, false);
    assert.equal(n.err, null);
    assert.equal(n.family, 4);
    const w = await wrongFamily;
    assert.equal(w.sync, false);
    // dns.lookup's own answer (dgram then fails the send on an IPv4 socket, as before).
    assert.deepEqual({ err: w.err, address: w.address, family: w.family }, { err: null, address: '::1', family: 6 });
  });

  it('makes a dgram send to a literal leave before send() returns', async () => {
    const rx = dgram.createSocket('udp4');
    const tx = dgram.createSocket({ type: 'udp4', lookup: literalFirstLookup });
    try {
      await new Promise((resolve) => rx.bind(0, '127.0.0.1', resolve));
      await new Promise((resolve) => tx.bind(0, '127.0.0.1', resolve));
      const got = new Promise((resolve) => rx.once('message', resolve));
      const pkt = Buffer.from('x');
      tx.send(pkt, rx.address().port, '127.0.0.1');
      // Overwritten as soon as send() returns: only a packet that already left still says 'x'
      // (with dns.lookup the datagram would be built a tick later and carry 'y').
      pkt[0] = 0x79;
      assert.equal(String(await got), 'x');
    } finally {
      rx.close();
      tx.close();
    }
  });
});
