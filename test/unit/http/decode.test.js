'use strict';
const assert = require('node:assert/strict');
const d = require('../../../dist/core/http/decode');

const XML_ERROR = `<methodResponse>
  <params>
    <param>
      <value>
        <struct>
          <member>
            <name>ERRORCODE</name>
            <value><string>1</string></value>
          </member>
          <member>
            <name>ERRORMESSAGE</name>
            <value><string>Phone is missing</string></value>
          </member>
          <member>
            <name>CALLID</name>
            <value><string></string></value>
          </member>
        </struct>
      </value>
    </param>
  </params>
</methodResponse>`;

describe('core/http/decode', () => {
  it('decodes the Voicenter §1.6 XML-RPC struct, numbers sent as strings', async () => {
    assert.deepEqual(await d.decodeXmlRpcResponse(XML_ERROR), { ERRORCODE: '1', ERRORMESSAGE: 'Phone is missing', CALLID: '' });
  });
  it('accepts <methodresponse> in lower case and i8 values', async () => {
    const xml = '<?xml version="1.0"?><methodresponse><params><param><value><struct><member><name>time</name><value><i8>15616841651</i8></value></member><member><name>n</name><value><int>7</int></value></member></struct></value></param></params></methodresponse>';
    assert.deepEqual(await d.decodeAnswer(xml), { time: '15616841651', n: 7 });
  });
  it('turns an XML-RPC fault into {faultCode, faultString}', async () => {
    const xml = '<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member><member><name>faultString</name><value><string>Too many parameters.</string></value></member></struct></value></fault></methodResponse>';
    assert.deepEqual(await d.decodeXmlRpcResponse(xml), { faultCode: 4, faultString: 'Too many parameters.' });
  });
  it('rejects broken XML with a DecodeError', async () => {
    await assert.rejects(d.decodeAnswer('<methodResponse><params><param><value><struct>'), d.DecodeError);
    await assert.rejects(d.decodeAnswer('<html><body>502 Bad Gateway</body></html>'), d.DecodeError);
  });
  it('reads the §7.1 monitor answer: a JS object literal with unquoted keys', async () => {
    const text = `{
 ERR: 0,
 DESC: "OK",
 EXTENSIONS:
 [
   {
     name: "Desk 1",
     peerstatus: "Reachable",
     calls:
     [
       { callername: "0547777777", callstarted: 1402233117, answered: 1, ivrid: "xxxx" }
     ]
   },
   { name: "Desk 2", calls: [ ] }
 ]
}`;
    const v = await d.decodeAnswer(text);
    assert.equal(v.ERR, 0);
    assert.equal(v.EXTENSIONS[0].calls[0].callername, '0547777777');
    assert.deepEqual(v.EXTENSIONS[1].calls, []);
  });
  it('tolerates trailing commas and missing commas of the §6 examples, keeps the last duplicate key', () => {
    assert.deepEqual(d.parseJsonTolerant('{ "Data": { "TotalRemoved": 1, }, "ErrorCode": 0, "Description": "OK" }'), { Data: { TotalRemoved: 1 }, ErrorCode: 0, Description: 'OK' });
    assert.deepEqual(d.parseJsonTolerant('{ "Campaign": "a"\n "Member": "b" }'), { Campaign: 'a', Member: 'b' });
    assert.deepEqual(d.parseJsonTolerant('{"q": 1, "q": 2}'), { q: 2 });
    assert.deepEqual(d.parseJsonTolerant("{a: 'x\\'y', b: -1.5e2, c: null, d: true}"), { a: "x'y", b: -150, c: null, d: true });
  });
  it('refuses malformed or hostile text with a DecodeError and never evaluates code', () => {
    for (const bad of ['', '{', '{a:}', '[1 2]', 'alert(1)', '{a: function(){}}', '"unterminated', '{"a":1} trailing']) {
      assert.throws(() => d.parseJsonTolerant(bad), d.DecodeError, bad);
    }
    assert.throws(() => d.parseJsonTolerant('['.repeat(100) + '1,' + ']'.repeat(100)), /nested too deeply/);
  });
  it('unwraps iexpbx one-element arrays only', () => {
    assert.deepEqual(d.unwrapSingleton([{ success: true }]), { success: true });
    assert.deepEqual(d.unwrapSingleton([1, 2]), [1, 2]);
    assert.deepEqual(d.unwrapSingleton({ a: 1 }), { a: 1 });
  });
  it('reads durations 00:01:14, 85,6972, numbers and rejects nonsense', () => {
    assert.equal(d.parseDuration('00:01:14'), 74);
    assert.equal(d.parseDuration('01:14'), 74);
    assert.equal(d.parseDuration('1:00:00'), 3600);
    assert.equal(d.parseDuration('85,6972'), 85.6972);
    assert.equal(d.parseDuration('4.5'), 4.5);
    assert.equal(d.parseDuration(33), 33);
    assert.equal(d.parseDuration('abc'), undefined);
    assert.equal(d.parseDuration('1:99'), undefined);
    assert.equal(d.parseDuration(null), undefined);
  });
});
