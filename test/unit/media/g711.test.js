'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const g711 = require('../../../dist/core/media/g711');

// Known values, produced once with sox 14.4.2 (`sox -D ... -e u-law|a-law`), for machines without sox.
// [16-bit sample, µ-law byte, A-law byte]
const ENCODE_TABLE = [[-32768, 0, 42], [-32124, 0, 42], [-31610, 1, 43], [-31748, 0, 43], [-8159, 31, 10], [-1000, 78, 122],
  [-100, 114, 80], [-33, 123, 84], [-8, 126, 85], [-3, 126, 213], [-2, 255, 213], [-1, 255, 213], [0, 255, 213], [1, 255, 213],
  [2, 254, 213], [3, 254, 213], [7, 254, 213], [8, 254, 213], [31, 251, 215], [32, 251, 215], [100, 242, 211], [1000, 206, 250],
  [4063, 175, 154], [8158, 159, 138], [8159, 159, 138], [8160, 159, 138], [16384, 143, 165], [31610, 128, 171], [32124, 128, 170],
  [32767, 128, 170]];
// [byte, µ-law decoded, A-law decoded]
const DECODE_TABLE = [[0x00, -32124, -5504], [0x0f, -16764, -6784], [0x10, -15996, -2752], [0x7e, -8, -880], [0x7f, 0, -848],
  [0x80, 32124, 5504], [0xd5, 716, 8], [0x55, -716, -8], [0x2a, -5372, -32256], [0xaa, 5372, 32256], [0xff, 0, 848],
  [0xfe, 8, 880], [0x3c, -2364, -13056], [0xc3, 1692, 360]];

function haveSox() {
  return spawnSync('sox', ['--version']).status === 0;
}

describe('media/g711', () => {
  it('encodes the committed table of sox values', () => {
    for (const [x, u, a] of ENCODE_TABLE) {
      assert.equal(g711.encodeSample('PCMU', x), u, `µ-law of ${x}`);
      assert.equal(g711.encodeSample('PCMA', x), a, `A-law of ${x}`);
    }
  });

  it('decodes the committed table of sox values', () => {
    for (const [c, u, a] of DECODE_TABLE) {
      assert.equal(g711.decodeSample('PCMU', c), u, `µ-law 0x${c.toString(16)}`);
      assert.equal(g711.decodeSample('PCMA', c), a, `A-law 0x${c.toString(16)}`);
    }
  });

  it('round-trips every code: decode then encode gives the code back (except µ-law 0x7f, the second zero)', () => {
    for (let c = 0; c < 256; c++) {
      const u = g711.encodeSample('PCMU', g711.decodeSample('PCMU', c));
      if (c !== 0x7f) assert.equal(u, c, `µ-law 0x${c.toString(16)}`);
      assert.equal(g711.encodeSample('PCMA', g711.decodeSample('PCMA', c)), c, `A-law 0x${c.toString(16)}`);
    }
  });

  it('encodes and decodes whole frames', () => {
    const pcm = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    const bytes = g711.encode('PCMU', pcm);
    assert.deepEqual([...bytes], [255, 206, 78, 128, 0]);
    assert.deepEqual([...g711.decode('PCMA', Uint8Array.from([0xd5, 0x55]))], [8, -8]);
    assert.equal(g711.SILENCE_BYTE.PCMU, 0xff);
    assert.equal(g711.SILENCE_BYTE.PCMA, 0xd5);
  });

  describe('against sox on all 65536 samples and 256 codes', function () {
    let dir;
    before(function () {
      if (!haveSox()) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'g711-'));
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    for (const [law, enc] of [['PCMU', 'u-law'], ['PCMA', 'a-law']]) {
      it(`${law} matches sox -e ${enc}`, () => {
        const all = Buffer.alloc(131072);
        for (let i = 0; i < 65536; i++) all.writeInt16LE(i - 32768, 2 * i);
        const inFile = path.join(dir, 'all.s16');
        fs.writeFileSync(inFile, all);
        const encFile = path.join(dir, `all.${law}`);
        let r = spawnSync('sox', ['-D', '-t', 'raw', '-r', '8000', '-e', 'signed', '-b', '16', '-c', '1', inFile, '-t', 'raw', '-e', enc, '-b', '8', encFile]);
        assert.equal(r.status, 0, String(r.stderr));
        const ref = fs.readFileSync(encFile);
        const ours = g711.encode(law, new Int16Array(all.buffer, all.byteOffset, 65536));
        let mismatches = 0;
        for (let i = 0; i < 65536; i++) if (ours[i] !== ref[i]) mismatches++;
        assert.equal(mismatches, 0);

        const codes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
        const codeFile = path.join(dir, `codes.${law}`);
        fs.writeFileSync(codeFile, codes);
        const decFile = path.join(dir, `dec.${law}.s16`);
        r = spawnSync('sox', ['-D', '-t', 'raw', '-r', '8000', '-e', enc, '-b', '8', '-c', '1', codeFile, '-t', 'raw', '-e', 'signed', '-b', '16', decFile]);
        assert.equal(r.status, 0, String(r.stderr));
        const dec = fs.readFileSync(decFile);
        const oursDec = g711.decode(law, codes);
        for (let i = 0; i < 256; i++) assert.equal(oursDec[i], dec.readInt16LE(2 * i), `code ${i}`);
      });
    }
  });
});
