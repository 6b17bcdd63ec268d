'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { sip, fakeTransport, ctx, request, response } = require('./helpers');
const { systemClock } = require('../../../dist/core/clock');

describe('sip/transactions (RFC 3261 §17, RFC 6026) under fake timers', () => {
  let fake;
  beforeEach(() => {
    fake = sinon.useFakeTimers();
  });
  afterEach(() => fake.restore());
  const flush = () => fake.tickAsync(0);

  describe('INVITE client', () => {
    it('Timer A retransmits at T1, 2T1, 4T1... on UDP and Timer B times out at 64*T1 in Calling', async () => {
      const t = fakeTransport(false);
      const tx = new sip.InviteClientTransaction('x', request('INVITE'), t, ctx(systemClock));
      let timeout = 0;
      tx.on('timeout', () => timeout++);
      tx.start();
      await flush();
      assert.equal(t.sent.length, 1);
      const at = [500, 1500, 3500, 7500, 15500, 31500];
      let now = 0;
      for (const [i, when] of at.entries()) {
        await fake.tickAsync(when - now - 1);
        assert.equal(t.sent.length, i + 1, `before ${when}`);
        await fake.tickAsync(1);
        now = when;
        assert.equal(t.sent.length, i + 2, `at ${when}`);
      }
      assert.equal(tx.state, 'Calling');
      await fake.tickAsync(32000 - now);
      assert.equal(timeout, 1);
      assert.equal(tx.state, 'Terminated');
      assert.deepEqual(tx.runningTimers, []);
    });

    it('T1 is configurable', async () => {
      const t = fakeTransport(false);
      const tx = new sip.InviteClientTransaction('x', request('INVITE'), t, ctx(systemClock, { T1: 100 }));
      tx.start();
      await fake.tickAsync(100);
      assert.equal(t.sent.length, 2);
      let timedOut = false;
      tx.on('timeout', () => (timedOut = true));
      await fake.tickAsync(6300);
      assert.equal(timedOut, true);
    });

    it('no retransmission on a reliable transport; 1xx stops A; non-2xx is ACKed and retransmissions absorbed (Timer D)', async () => {
      const t = fakeTransport(true);
      const inv = request('INVITE');
      const tx = new sip.InviteClientTransaction('x', inv, t, ctx(systemClock));
      const seen = [];
      tx.on('response', (r) => seen.push(r.status));
      tx.start();
      await fake.tickAsync(5000);
      assert.equal(t.sent.length, 1);
      tx.receiveResponse(response(inv, 180));
      assert.equal(tx.state, 'Proceeding');
      tx.receiveResponse(response(inv, 486));
      await flush();
      assert.equal(tx.state, 'Terminated', 'Timer D is 0 on reliable transports');
      assert.deepEqual(seen, [180, 486]);
      const ack = t.sent[1];
      assert.equal(ack.method, 'ACK');
      assert.equal(ack.branch, inv.branch);
      assert.equal(ack.toTag, 'ttag');
      assert.deepEqual(ack.cseq, { seq: inv.cseq.seq, method: 'ACK' });
    });

    it('UDP: Completed resends the ACK for each retransmitted final response, without passing it up, for 32 s', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteClientTransaction('x', inv, t, ctx(systemClock));
      const seen = [];
      tx.on('response', (r) => seen.push(r.status));
      tx.start();
      tx.receiveResponse(response(inv, 503));
      tx.receiveResponse(response(inv, 503));
      await flush();
      assert.deepEqual(seen, [503]);
      assert.deepEqual(t.sent.map((m) => m.method), ['INVITE', 'ACK', 'ACK']);
      await fake.tickAsync(31999);
      assert.equal(tx.state, 'Completed');
      await fake.tickAsync(1);
      assert.equal(tx.state, 'Terminated');
    });

    it('2xx moves to Accepted, later 2xx are passed up for the TU to ACK, Timer M ends it', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteClientTransaction('x', inv, t, ctx(systemClock));
      const seen = [];
      tx.on('response', (r) => seen.push(r.status));
      tx.start();
      tx.receiveResponse(response(inv, 200));
      tx.receiveResponse(response(inv, 200));
      assert.equal(tx.state, 'Accepted');
      assert.deepEqual(seen, [200, 200]);
      await fake.tickAsync(32000);
      assert.equal(tx.state, 'Terminated');
      assert.equal(t.sent.length, 1, 'no ACK from the transaction for a 2xx');
    });

    it('a transport error terminates it and is reported', async () => {
      const t = { reliable: false, send: async () => { throw new Error('EHOSTUNREACH'); } };
      const tx = new sip.InviteClientTransaction('x', request('INVITE'), t, ctx(systemClock));
      let err;
      tx.on('transport-error', (e) => (err = e));
      tx.start();
      await flush();
      assert.equal(err.message, 'EHOSTUNREACH');
      assert.equal(tx.state, 'Terminated');
    });
  });

  describe('non-INVITE client', () => {
    it('Timer E doubles up to T2 in Trying, stays at T2 in Proceeding; Timer F times out', async () => {
      const t = fakeTransport(false);
      const req = request('OPTIONS');
      const tx = new sip.NonInviteClientTransaction('x', req, t, ctx(systemClock));
      let timeout = 0;
      tx.on('timeout', () => timeout++);
      tx.start();
      // sends at 0, 500, 1500, 3500, 7500 (interval capped at T2 = 4000)
      await fake.tickAsync(7500);
      assert.equal(t.sent.length, 5);
      tx.receiveResponse(response(req, 100));
      assert.equal(tx.state, 'Proceeding');
      await fake.tickAsync(4000);
      assert.equal(t.sent.length, 6);
      await fake.tickAsync(32000 - 11500);
      assert.equal(timeout, 1);
      assert.equal(tx.state, 'Terminated');
    });

    it('a final response completes it; Timer K (T4) absorbs retransmissions then ends it', async () => {
      const t = fakeTransport(false);
      const req = request('MESSAGE');
      const tx = new sip.NonInviteClientTransaction('x', req, t, ctx(systemClock));
      const seen = [];
      tx.on('response', (r) => seen.push(r.status));
      tx.start();
      tx.receiveResponse(response(req, 200));
      tx.receiveResponse(response(req, 200));
      assert.deepEqual(seen, [200]);
      await fake.tickAsync(4999);
      assert.equal(t.sent.length, 1, 'no retransmission once Completed');
      assert.equal(tx.state, 'Completed');
      await fake.tickAsync(1);
      assert.equal(tx.state, 'Terminated');
    });

    it('reliable transport: no Timer E, Timer K is zero', async () => {
      const t = fakeTransport(true);
      const req = request('BYE');
      const tx = new sip.NonInviteClientTransaction('x', req, t, ctx(systemClock));
      tx.start();
      await fake.tickAsync(20000);
      assert.equal(t.sent.length, 1);
      tx.receiveResponse(response(req, 200));
      await flush();
      assert.equal(tx.state, 'Terminated');
    });
  });

  describe('INVITE server', () => {
    it('sends 100 Trying after 200 ms unless the TU answered, and resends the last response on retransmissions', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      await fake.tickAsync(199);
      assert.equal(t.sent.length, 0);
      await fake.tickAsync(1);
      assert.equal(t.sent[0].status, 100);
      tx.receiveRequest(inv);
      await flush();
      assert.equal(t.sent.length, 2);
      assert.equal(t.sent[1].status, 100);
    });

    it('non-2xx: Timer G retransmits (T1 doubling to T2), ACK → Confirmed, Timer I ends it', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      tx.respond(sip.createResponse(inv, 486, { toTag: 'a' }));
      await fake.tickAsync(7500); // 500, 1500, 3500, 7500
      assert.equal(t.sent.length, 5);
      let acked = 0;
      tx.on('ack', () => acked++);
      const ack = request('ACK', { cseq: 1 });
      tx.receiveRequest(ack);
      assert.equal(tx.state, 'Confirmed');
      assert.equal(acked, 1);
      await fake.tickAsync(20000);
      assert.equal(t.sent.length, 5, 'G stopped');
      assert.equal(tx.state, 'Terminated', 'Timer I = T4');
    });

    it('Timer H times out without an ACK', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      let timeout = 0;
      tx.on('timeout', () => timeout++);
      tx.respond(sip.createResponse(inv, 603, { toTag: 'a' }));
      await fake.tickAsync(32000);
      assert.equal(timeout, 1);
      assert.equal(tx.state, 'Terminated');
    });

    it('reliable: no Timer G', async () => {
      const t = fakeTransport(true);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      tx.respond(sip.createResponse(inv, 486, { toTag: 'a' }));
      await fake.tickAsync(10000);
      assert.equal(t.sent.length, 1);
    });

    it('2xx: Accepted, retransmitted until ackReceived(), retransmitted INVITEs absorbed, Timer L ends it', async () => {
      const t = fakeTransport(false);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      tx.respond(sip.createResponse(inv, 200, { toTag: 'a' }));
      assert.equal(tx.state, 'Accepted');
      await fake.tickAsync(1500);
      assert.equal(t.sent.length, 3);
      tx.receiveRequest(inv);
      await flush();
      assert.equal(t.sent.length, 3, 'INVITE retransmission absorbed in Accepted');
      tx.ackReceived();
      await fake.tickAsync(10000);
      assert.equal(t.sent.length, 3);
      await fake.tickAsync(22000);
      assert.equal(tx.state, 'Terminated');
    });

    it('2xx never ACKed: ack-timeout after 64*T1', async () => {
      const t = fakeTransport(true);
      const inv = request('INVITE');
      const tx = new sip.InviteServerTransaction('x', inv, t, ctx(systemClock));
      let ackTimeout = 0;
      tx.on('ack-timeout', () => ackTimeout++);
      tx.respond(sip.createResponse(inv, 200, { toTag: 'a' }));
      await fake.tickAsync(32000);
      assert.equal(ackTimeout, 1);
      assert.ok(t.sent.length >= 8, 'retransmitted on reliable transports too (§13.3.1.4)');
    });
  });

  describe('non-INVITE server', () => {
    it('absorbs retransmissions in Trying, resends the final in Completed, Timer J ends it on UDP', async () => {
      const t = fakeTransport(false);
      const req = request('OPTIONS');
      const tx = new sip.NonInviteServerTransaction('x', req, t, ctx(systemClock));
      tx.receiveRequest(req);
      await flush();
      assert.equal(t.sent.length, 0);
      tx.respond(sip.createResponse(req, 200, { toTag: 'a' }));
      tx.receiveRequest(req);
      await flush();
      assert.equal(t.sent.length, 2);
      await fake.tickAsync(31999);
      assert.equal(tx.state, 'Completed');
      await fake.tickAsync(1);
      assert.equal(tx.state, 'Terminated');
    });
  });

  describe('transaction layer matching', () => {
    const layer = () => new sip.TransactionLayer(ctx(systemClock));

    it('matches responses by branch and CSeq method (§17.1.3)', () => {
      const l = layer();
      const req = request('OPTIONS');
      const tx = l.createClient(req, fakeTransport(true));
      assert.equal(l.matchResponse(response(req, 200)), tx);
      const other = response(request('OPTIONS', { branch: 'z9hG4bK-other' }), 200);
      assert.equal(l.matchResponse(other), undefined);
    });

    it('matches retransmissions, the ACK of a non-2xx and CANCEL to the INVITE (§17.2.3, §9.2)', () => {
      const l = layer();
      const inv = request('INVITE');
      const tx = l.createServer(inv, fakeTransport(true));
      assert.equal(l.matchRequest(request('INVITE')), tx);
      assert.equal(l.matchRequest(request('ACK')), tx);
      assert.equal(l.matchCancel(request('CANCEL')), tx);
      assert.equal(l.matchRequest(request('CANCEL')), undefined, 'a CANCEL is its own transaction');
    });

    it('matches RFC 2543 requests without the magic cookie', () => {
      const l = layer();
      const inv = request('INVITE', { branch: 'old2543' });
      const tx = l.createServer(inv, fakeTransport(true));
      assert.equal(l.matchRequest(request('INVITE', { branch: 'old2543' })), tx);
      assert.equal(l.matchRequest(request('INVITE', { branch: 'old2543', cseq: 2 })), undefined);
    });

    it('detects merged requests (§8.2.2.2): same From tag, Call-ID, CSeq, another branch', () => {
      const l = layer();
      l.createServer(request('INVITE'), fakeTransport(true));
      assert.equal(l.isMerged(request('INVITE', { branch: 'z9hG4bK-forked' })), true);
      assert.equal(l.isMerged(request('INVITE')), false);
      assert.equal(l.isMerged(request('INVITE', { branch: 'z9hG4bK-forked', toTag: 'x' })), false);
    });

    it('forgets terminated transactions', async () => {
      const l = layer();
      const req = request('OPTIONS');
      const tx = l.createServer(req, fakeTransport(true));
      tx.respond(sip.createResponse(req, 200, { toTag: 'a' }));
      await fake.tickAsync(0);
      assert.equal(l.servers.size, 0);
    });
  });
});
