'use strict';
const assert = require('node:assert/strict');
const { parseMethodCallFast } = require('../../../dist/core/http/xmlrpc-fast');
const { parseMethodCallReference } = require('../../../dist/core/http/xmlrpc-codec');
const { serializeMethodCall } = require('xmlrpc/lib/serializer');
const vc = require('../../fixtures/voicenter');

// A small deterministic generator, so the corpus is the same on every run.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const nasty = ['', ' ', 'a&b', '<tag>', '"q"', "it's", 'ünï©ødé', '  lead', 'trail  ', 'multi\nline', '0547000000', 'x'.repeat(300), '-1'];
function genValue(r, depth) {
  const k = Math.floor(r() * (depth > 2 ? 6 : 8));
  switch (k) {
    case 0: return nasty[Math.floor(r() * nasty.length)];
    case 1: return Math.floor((r() - 0.5) * 2 ** 31);
    case 2: return r() < 0.5;
    case 3: return Math.round(r() * 1e6) / 100 + 0.5;
    case 4: return 'w' + Math.floor(r() * 1e9);
    case 5: return null;
    case 6: { const a = []; for (let i = Math.floor(r() * 4); i > 0; i--) a.push(genValue(r, depth + 1)); return a; }
    default: { const o = {}; for (let i = Math.floor(r() * 5); i > 0; i--) o['k' + Math.floor(r() * 20) + (r() < 0.2 ? ' &amp' : '')] = genValue(r, depth + 1); return o; }
  }
}

const handWritten = [
  vc.cdrXml, vc.getIvrActionXml, vc.hangupXml,
  // i4, int, i8 (kept as a string by the reference), beyond 32 bits, parseInt leniency
  '<methodCall><methodName>CDR</methodName><params><param><value><struct>' +
    '<member><name>a</name><value><i4>12</i4></value></member>' +
    '<member><name>b</name><value><int> 15616841651 </int></value></member>' +
    '<member><name>c</name><value><i8>9007199254740993</i8></value></member>' +
    '<member><name>d</name><value><int>-7</int></value></member>' +
    '<member><name>e</name><value><double>-0.25</double></value></member>' +
    '<member><name>f</name><value><boolean>1</boolean></value></member>' +
    '<member><name>g</name><value></value></member>' +
    '<member><name>h</name><value/></member>' +
    '<member><name>i</name><value>  untyped &amp; spaced  </value></member>' +
    '<member><name>j</name><value><string>&#65;&#x42;&lt;&gt;&quot;&apos;</string></value></member>' +
    '<member><name>k</name><value><array><data/></array></value></member>' +
    '<member><name>l</name><value><struct/></value></member>' +
    '<member><name>m</name><value><nil/></value></member>' +
  '</struct></value></param></params></methodCall>',
  // case-insensitive tags, attributes-free prolog with encoding, CRLF line ends
  '<?xml version="1.0" encoding="utf-8"?>\r\n<METHODCALL><MethodName>X</MethodName><Params><Param><Value><String>v</String></Value></Param></Params></METHODCALL>\r\n',
  // no params, empty params, two params, duplicate members
  '<methodCall><methodName>ping</methodName></methodCall>',
  '<methodCall><methodName>ping</methodName><params/></methodCall>',
  '<methodCall><methodName>two</methodName><params><param><value><i4>1</i4></value></param><param><value>b</value></param></params></methodCall>',
  '<methodCall><methodName>dup</methodName><params><param><value><struct><member><name>a</name><value>1</value></member><member><name>a</name><value>2</value></member></struct></value></param></params></methodCall>',
  // the DIALSTRINGS array of the CALL example: untyped values with leading spaces
  '<methodCall><methodName>A</methodName><params><param><value><array><data>\n<value> SIP/972547000000@provider1</value>\n<value>SIP/972547000000@provider2</value>\n</data></array></value></param></params></methodCall>',
  // documents outside the fast subset: the fallback must still agree
  '<methodCall><methodName>c</methodName><params><param><value><string><![CDATA[<raw>]]></string></value></param></params></methodCall>',
  '<methodCall><!-- note --><methodName>c</methodName><params><param><value><string>&nbsp;x</string></value></param></params></methodCall>',
  '<methodCall><methodName>d</methodName><params><param><value><dateTime.iso8601>20120819T10:50:17</dateTime.iso8601></value></param></params></methodCall>',
  '<methodCall><methodName>b</methodName><params><param><value><base64>aGVsbG8=</base64></value></param></params></methodCall>',
];

async function both(doc) {
  const fast = parseMethodCallFast(doc);
  let ref;
  try {
    ref = await parseMethodCallReference(doc);
  } catch (e) {
    ref = { error: e.message };
  }
  return { fast, ref };
}

describe('core/http/xmlrpc-fast agrees with the xmlrpc package', () => {
  it('on the documents\' examples and hand-written edge cases', async () => {
    let fastCount = 0;
    for (const doc of handWritten) {
      const { fast, ref } = await both(doc);
      assert.ok(!ref.error, `reference rejects: ${ref.error}\n${doc}`);
      if (fast !== undefined) {
        fastCount++;
        assert.deepStrictEqual(fast, ref, doc);
      }
    }
    // The printed examples and the plain cases must take the fast path.
    assert.ok(fastCount >= handWritten.length - 4, `only ${fastCount} took the fast path`);
  });

  it('on 400 generated calls, serialised by the xmlrpc package', async () => {
    const r = rng(42);
    for (let n = 0; n < 400; n++) {
      const params = [];
      for (let i = Math.floor(r() * 3) + 1; i > 0; i--) params.push(genValue(r, 0));
      let doc = serializeMethodCall('M' + n, params);
      if (n % 3 === 0) doc = doc.replace(/></g, '>\n  <'); // pretty-printed variant
      const { fast, ref } = await both(doc);
      assert.ok(!ref.error, ref.error);
      assert.notEqual(fast, undefined, `fast path declined a plain document: ${doc}`);
      assert.deepStrictEqual(fast, ref, doc);
    }
  });

  it('declines (and never throws on) malformed documents', async () => {
    const bad = ['', 'garbage', '<methodCall>', '<methodCall><methodName>x</methodName><params><param><value><i4>zz</i4></value></param></params></methodCall>',
      '<methodCall><methodName>x</methodName><params><param><value><struct><member><name>a</name></member></struct></value></param></params></methodCall>',
      '<methodCall><methodName>x</methodName></methodCall>trailing', '<a><b></a>'];
    for (const doc of bad) assert.equal(parseMethodCallFast(doc), undefined, doc);
    const r = rng(7);
    const good = handWritten[3];
    for (let n = 0; n < 300; n++) {
      const cut = Math.floor(r() * good.length);
      const doc = good.slice(0, cut) + (r() < 0.5 ? '' : '<x>') + good.slice(cut + Math.floor(r() * 10));
      const { fast, ref } = await both(doc);
      if (fast !== undefined) assert.deepStrictEqual(fast, ref, doc);
    }
  });

  it('keeps a member named __proto__ as data', () => {
    const doc = '<methodCall><methodName>p</methodName><params><param><value><struct><member><name>__proto__</name><value><struct><member><name>polluted</name><value>1</value></member></struct></value></member></struct></value></param></params></methodCall>';
    const r = parseMethodCallFast(doc);
    assert.equal(Object.getPrototypeOf(r.params[0]), Object.prototype);
    assert.equal(({}).polluted, undefined);
    assert.deepEqual(Object.keys(r.params[0]), ['__proto__']);
  });
});
