'use strict';
// The worker-thread waker itself: that it fires, once, on the latest arming, and that cancel and
// close stop it. No timing assertions (those belong to bench/rtp-pacing.bench.js).
const assert = require('node:assert/strict');
const { systemClock } = require('../../../dist/core/clock');
const { WorkerWaker } = require('../../../dist/core/media/precise-waker');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('media/precise-waker (worker thread)', () => {
  let w;
  afterEach(() => w?.close());

  it('calls back once after the due time; a re-arm replaces the pending wake-up', async () => {
    w = new WorkerWaker(systemClock);
    const calls = [];
    const due = systemClock.now() + 5;
    w.wakeAt(systemClock.now() + 10000, () => calls.push('replaced'));
    await new Promise((resolve) => w.wakeAt(due, () => { calls.push(systemClock.now() >= due); resolve(); }));
    await sleep(20);
    assert.deepEqual(calls, [true]);
  });

  it('a due time in the past fires at once; cancel and close stop it', async () => {
    w = new WorkerWaker(systemClock);
    await new Promise((resolve) => w.wakeAt(systemClock.now() - 5, resolve));
    let fired = 0;
    w.wakeAt(systemClock.now() + 5, () => fired++);
    w.cancel();
    await sleep(30);
    w.wakeAt(systemClock.now() + 5, () => fired++);
    w.close();
    await sleep(30);
    assert.equal(fired, 0);
    assert.throws(() => w.wakeAt(systemClock.now(), () => {}), /closed/);
  });
});
