'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { systemClock } = require('../../dist/core/clock');

describe('core/clock', () => {
  it('runs a timer under fake timers and can cancel another', () => {
    const fake = sinon.useFakeTimers();
    try {
      let fired = 0;
      systemClock.setTimeout(() => fired++, 100);
      const cancelled = systemClock.setTimeout(() => fired += 10, 100);
      systemClock.clearTimeout(cancelled);
      fake.tick(99);
      assert.equal(fired, 0);
      fake.tick(1);
      assert.equal(fired, 1);
    } finally {
      fake.restore();
    }
  });
});
