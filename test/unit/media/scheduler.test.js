'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { systemClock } = require('../../../dist/core/clock');
const { PacketScheduler } = require('../../../dist/core/media/scheduler');

describe('media/scheduler (fake timers)', () => {
  let clock;
  beforeEach(() => { clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }); });
  afterEach(() => clock.restore());

  it('runs each stream every interval, computed from the start, with one timer for all streams', () => {
    const s = new PacketScheduler(systemClock);
    const log = [];
    s.add(20, (tick, due) => log.push(['a', tick, due]), 0);
    s.add(30, (tick, due) => log.push(['b', tick, due]), 5);
    clock.tick(65);
    assert.deepEqual(log, [['a', 0, 0], ['b', 0, 5], ['a', 1, 20], ['b', 1, 35], ['a', 2, 40], ['a', 3, 60], ['b', 2, 65]]);
    assert.equal(clock.countTimers(), 1, 'one pending timer for all streams');
    s.stop();
    assert.equal(clock.countTimers(), 0);
  });

  /** A clock whose time moves only when told, including inside callbacks (a slow callback). */
  function manualClock() {
    const timers = [];
    let id = 0;
    const c = {
      t: 0,
      now: () => c.t,
      wallNow: () => c.t,
      setTimeout: (fn, ms) => { const h = { id: ++id, at: c.t + Math.max(1, ms), fn }; timers.push(h); return h; },
      clearTimeout: (h) => { const i = timers.indexOf(h); if (i >= 0) timers.splice(i, 1); },
      pending: () => timers.length,
      /** Runs due timers until `until`; time jumps to each timer's due time first. */
      runUntil: (until) => {
        for (;;) {
          timers.sort((a, b) => a.at - b.at);
          const next = timers[0];
          if (!next || next.at > until) break;
          timers.shift();
          if (c.t < next.at) c.t = next.at;
          next.fn();
        }
        if (c.t < until) c.t = until;
      },
    };
    return c;
  }

  it('does not drift when callbacks run late: due times stay on the grid', () => {
    const mc = manualClock();
    const s = new PacketScheduler(mc);
    const dues = [];
    const lateness = [];
    s.add(20, (tick, due) => {
      dues.push(due);
      lateness.push(mc.t - due);
      mc.t += 7; // a slow callback: 7 ms pass inside it
    }, 0);
    mc.runUntil(20 * 1000);
    assert.equal(dues.length, 1001);
    dues.forEach((d, i) => assert.equal(d, i * 20));
    assert.ok(Math.max(...lateness) <= 1, `a timer is never more than its 1 ms rounding late: ${Math.max(...lateness)}`);
    assert.equal(mc.pending(), 1);
  });

  it('skips ahead instead of bursting after a long block, and keeps the tick number in step with time', () => {
    const mc = manualClock();
    const s = new PacketScheduler(mc);
    const ticks = [];
    s.add(20, (tick) => {
      ticks.push(tick);
      if (tick === 0) mc.t += 200; // the event loop is blocked for 200 ms
    }, 0);
    mc.runUntil(250);
    assert.deepEqual(ticks.slice(0, 3), [0, 10, 11]);
    assert.deepEqual(ticks, [0, 10, 11, 12]);
  });

  it('cancels a stream and keeps the others', () => {
    const s = new PacketScheduler(systemClock);
    let a = 0, b = 0;
    const ha = s.add(20, () => a++, 0);
    s.add(20, () => b++, 10);
    clock.tick(40);
    ha.cancel();
    clock.tick(100);
    assert.equal(a, 3);
    assert.equal(b, 7);
  });

  it('reports a throwing callback and carries on', () => {
    const errors = [];
    const s = new PacketScheduler(systemClock, { onError: (e) => errors.push(e) });
    let n = 0;
    s.add(20, () => { n++; throw new Error('boom'); }, 0);
    clock.tick(40);
    assert.equal(n, 3);
    assert.equal(errors.length, 3);
    s.stop();
  });

  /** A waker driven by hand: records what the scheduler asks for. */
  function manualWaker(mc) {
    const w = {
      pending: undefined,
      asked: [],
      cancels: 0,
      wakeAt: (due, fn) => { w.pending = { due, fn }; w.asked.push(due); },
      cancel: () => { w.pending = undefined; w.cancels++; },
      close: () => {},
      fire: () => { const p = w.pending; w.pending = undefined; if (mc.t < p.due) mc.t = p.due; p.fn(); },
    };
    return w;
  }

  it('with a waker: asks for the exact due time (no ms rounding) and batches only ticks due within earlyMs', () => {
    const mc = manualClock();
    mc.t = 0.3;
    const w = manualWaker(mc);
    const s = new PacketScheduler(mc, { waker: w, earlyMs: 0.25 });
    const log = [];
    s.add(20, (tick, due) => log.push(['a', tick, due, mc.t]), 1.7);
    s.add(20, (tick, due) => log.push(['b', tick, due, mc.t]), 1.9);
    s.add(20, (tick, due) => log.push(['c', tick, due, mc.t]), 2.3);
    assert.equal(mc.pending(), 1, 'one clock timer, the fallback');
    assert.deepEqual(w.asked, [1.7]);
    w.fire(); // at 1.7: a, and b (due 0.2 ms later), but not c (0.6 ms later)
    assert.deepEqual(log, [['a', 0, 1.7, 1.7], ['b', 0, 1.9, 1.7]]);
    assert.deepEqual(w.asked, [1.7, 2.3], 're-armed for c exactly');
    w.fire();
    assert.deepEqual(log.slice(2), [['c', 0, 2.3, 2.3]]);
    assert.deepEqual(w.asked.slice(2), [21.7], 'then the next round, earliest first');
    s.stop();
    assert.equal(w.pending, undefined, 'stop cancels the pending wake-up');
  });

  it('with a waker: an earlier new stream re-arms it; the last cancel disarms it', () => {
    const mc = manualClock();
    const w = manualWaker(mc);
    const s = new PacketScheduler(mc, { waker: w });
    const a = s.add(20, () => {}, 10);
    const b = s.add(20, () => {}, 5);
    s.add(20, () => {}, 15).cancel();
    assert.deepEqual(w.asked, [10, 5]);
    a.cancel();
    b.cancel();
    assert.equal(w.pending, undefined);
    assert.ok(w.cancels >= 1);
  });
});
