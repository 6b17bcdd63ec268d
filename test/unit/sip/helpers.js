'use strict';
const sip = require('../../../dist/core/sip');
const { silentLogger } = require('../../../dist/core/logger');

/** A TransactionTransport that records what it is asked to send. */
function fakeTransport(reliable = false) {
  const sent = [];
  return { reliable, sent, send: async (msg) => void sent.push(msg) };
}

function ctx(clock, timers = {}) {
  return { clock, logger: silentLogger, timers: sip.timers(timers) };
}

/** A Clock on @sinonjs/fake-timers that leaves the globals alone (real sockets keep working). */
function fakeClock() {
  const FakeTimers = require('@sinonjs/fake-timers');
  const c = FakeTimers.withGlobal(globalThis).createClock(0);
  return {
    fake: c,
    clock: {
      now: () => c.now,
      wallNow: () => c.now,
      setTimeout: (fn, ms) => c.setTimeout(fn, ms),
      clearTimeout: (h) => (h === undefined ? undefined : c.clearTimeout(h)),
    },
  };
}

function request(method = 'OPTIONS', extra = {}) {
  const uri = sip.sipUri({ user: 'bob', host: '127.0.0.1', port: 5199 });
  const req = sip.createRequest({
    method,
    uri,
    from: sip.nameAddr(sip.sipUri({ user: 'alice', host: '127.0.0.1' }), { tag: extra.fromTag ?? 'ftag' }),
    to: sip.nameAddr(uri, extra.toTag ? { tag: extra.toTag } : {}),
    callId: extra.callId ?? 'call-1@127.0.0.1',
    cseq: extra.cseq ?? 1,
  });
  req.prepend('Via', `SIP/2.0/UDP 127.0.0.1:5198;branch=${extra.branch ?? 'z9hG4bK-test1'};rport`);
  return sip.parseMessage(sip.serialize(req), {});
}

function response(req, status, toTag = 'ttag') {
  const res = sip.createResponse(req, status, { toTag });
  return sip.parseMessage(sip.serialize(res), {});
}

function waitFor(emitter, event, timeoutMs = 3000, filter = () => true) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    const on = (...args) => {
      if (!filter(...args)) return;
      clearTimeout(t);
      emitter.off(event, on);
      resolve(args);
    };
    emitter.on(event, on);
  });
}

module.exports = { sip, fakeTransport, ctx, fakeClock, request, response, waitFor };
