'use strict';
// Frequency checks for recorded audio: Goertzel power per frequency, and the dominant frequency
// over 50-3950 Hz in 5 Hz steps (enough to tell a 1 kHz tone from anything else).
function goertzelPower(samples, freq, rate) {
  const k = 2 * Math.cos((2 * Math.PI * freq) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i] + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

function dominantFrequency(samples, rate = 8000) {
  let best = 0;
  let bestPower = -1;
  for (let f = 50; f < rate / 2 - 50; f += 5) {
    const p = goertzelPower(samples, f, rate);
    if (p > bestPower) {
      bestPower = p;
      best = f;
    }
  }
  return best;
}

function rms(samples) {
  let e = 0;
  for (const x of samples) e += x * x;
  return Math.sqrt(e / Math.max(1, samples.length));
}

/** The loudest stretch (by 20 ms frames above a threshold), so silence before/after does not dilute. */
function activePart(samples, threshold = 500) {
  const out = [];
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    const f = samples.subarray(i, i + 160);
    if (rms(f) > threshold) out.push(...f);
  }
  return Int16Array.from(out);
}

module.exports = { goertzelPower, dominantFrequency, rms, activePart };
