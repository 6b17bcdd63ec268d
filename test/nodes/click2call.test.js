'use strict';
const assert = require('node:assert/strict');
const { helper, loadFlow, guardRejections } = require('../helpers/flow');
const { startServer, closedPort } = require('../helpers/loopback');

// Voicenter §1.6, as printed (ERRORCODE as <string>).
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
const XML_OK = XML_ERROR.replace('<string>1</string>', '<string>0</string>').replace('Phone is missing', 'OK')
  .replace('<value><string></string></value>', '<value><string>sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp</string></value>');
const JSON_OK = `{
    "ERRORCODE":0,
    "ERRORMESSAGE":"OK",
    "CALLID":"sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp"
}`;

describe('click2call node', function () {
  guardRejections();
  let srv;
  afterEach(async () => {
    await helper.unload();
    await srv?.close();
    srv = undefined;
  });

  const callNode = (extra = {}) => ({
    type: 'click2call', provider: 'voicenter', operation: 'call',
    fields: { phone: { v: '0501234567', vt: 'str' }, target: { v: 'target', vt: 'msg' }, record: { v: 'true', vt: 'bool' } },
    ...extra,
  });

  it('Voicenter call: POSTs the §1.2 form fields and returns the CALLID from the XML-RPC answer', async () => {
    srv = await startServer((req, res) => res.end(XML_OK));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ target: '0721234567', payload: { phonecallerid: '0500000000', targetmaxdialtime: '25', var_customer: 2342, language: 'he' } });
    assert.equal(r.out, 'ok');
    assert.deepEqual(r.msg.payload, { ok: true, code: 0, message: 'OK', data: { callId: 'sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp' } });
    assert.deepEqual(r.msg.raw, { ERRORCODE: '0', ERRORMESSAGE: 'OK', CALLID: 'sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp' });
    assert.equal(srv.requests.length, 1);
    const q = srv.requests[0];
    assert.equal(q.method, 'POST');
    assert.equal(q.path, '/ForwardDialer/click2call.aspx');
    assert.equal(q.headers['content-type'], 'application/x-www-form-urlencoded; charset=utf-8');
    assert.equal(q.body, 'code=ACCOUNTCODE&action=call&phone=0501234567&target=0721234567&record=true&phonecallerid=0500000000&targetmaxdialtime=25&language=he&var_customer=2342');
  });

  it('Voicenter call with format JSON over GET: every parameter in the query, JSON answer decoded', async () => {
    srv = await startServer((req, res) => res.end(JSON_OK));
    const { run } = await loadFlow(srv.url, callNode({ encoding: 'GET' }));
    const r = await run({ target: '972501111111', payload: {
      format: 'json', phonecallername: 'CRM', targetcallerid: '0500000000', targetcallername: 'Sales', phonemaxdialtime: 30,
      maxduration: 600, phoneautoanswer: 1, targetautoanswer: false, checkphonedevicestate: true, checktargetdevicestate: 'false', vm_id: '12', phonelogincode: '1234',
    } });
    assert.equal(r.out, 'ok');
    assert.equal(r.msg.payload.data.callId, 'sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp');
    const q = srv.requests[0];
    assert.equal(q.method, 'GET');
    assert.equal(q.body, '');
    assert.deepEqual(q.query, {
      code: 'ACCOUNTCODE', action: 'call', phone: '0501234567', target: '972501111111', phonelogincode: '1234', record: 'true',
      phonecallername: 'CRM', targetcallerid: '0500000000', targetcallername: 'Sales', phonemaxdialtime: '30', maxduration: '600',
      phoneautoanswer: 'true', targetautoanswer: 'false', checkphonedevicestate: 'true', checktargetdevicestate: 'false', vm_id: '12', format: 'JSON',
    });
  });

  it('a Voicenter error (lower-case <methodresponse>) leaves on output 2 and reaches the Catch node with code and text', async () => {
    srv = await startServer((req, res) => res.end(XML_ERROR.replace(/methodResponse/g, 'methodresponse')));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ target: '1' });
    assert.equal(r.out, 'err');
    assert.deepEqual(r.msg.payload, { ok: false, code: 1, message: 'Phone is missing', data: { callId: '' } });
    assert.match(r.caught.error.message, /Phone is missing \(code 1\)/);
  });

  it('validates before sending: a missing target sends nothing and says which parameter', async () => {
    srv = await startServer((req, res) => res.end(JSON_OK));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ payload: 'not an object' });
    assert.equal(r.out, 'err');
    assert.equal(r.msg.payload.code, 'VALIDATION');
    assert.match(r.caught.error.message, /target is required/);
    assert.equal(srv.requests.length, 0);
  });

  it('a wrong type (var_* over ten, bad boolean) is a clear error and nothing is sent', async () => {
    srv = await startServer((req, res) => res.end(JSON_OK));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ target: '1', payload: { record: 'perhaps' } });
    assert.match(r.msg.payload.message, /record: expected true or false/);
    assert.equal(srv.requests.length, 0);
  });

  it('message, callference and terminate send their action and parameters', async () => {
    srv = await startServer((req, res) => res.end(JSON_OK));
    const { run } = await loadFlow(srv.url, { type: 'click2call', provider: 'voicenter', operation: 'message', fields: {} });
    await run({ payload: { Phone: '0501234567', pre_rec: 'hello', Dtmf: '0123', loop_rec: 'beep', post_rec: 'bye', Record: 'false' } });
    assert.equal(srv.requests[0].body, 'code=ACCOUNTCODE&action=message&phone=0501234567&pre_rec=hello&dtmf=0123&loop_rec=beep&post_rec=bye&record=false');
    await run({ operation: 'callference', payload: { phone: '201', bbbcode: '0042', maxduration: 30 } });
    assert.equal(srv.requests[1].body, 'code=ACCOUNTCODE&action=callference&phone=201&bbbcode=0042&maxduration=30');
    const r = await run({ operation: 'terminate', payload: { phone: 'SIPEXT1' } });
    assert.equal(srv.requests[2].body, 'code=ACCOUNTCODE&action=terminate&phone=SIPEXT1');
    assert.equal(r.out, 'ok');
  });

  it('refuses an operation this node does not offer', async () => {
    srv = await startServer((req, res) => res.end(JSON_OK));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ operation: 'AddCall', target: '1' });
    assert.equal(r.out, 'err');
    assert.match(r.msg.payload.message, /AddCall/);
    assert.equal(srv.requests.length, 0);
  });

  it('a 500 answer is an error and a call is never retried', async () => {
    srv = await startServer((req, res) => { res.statusCode = 500; res.end('Server Error'); });
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ target: '1' });
    assert.equal(r.out, 'err');
    assert.equal(r.msg.payload.code, 'HTTP_500');
    assert.equal(r.msg.raw, 'Server Error');
    assert.equal(srv.requests.length, 1);
  });

  it('a call is retried on a 500 only when the user allows it', async () => {
    let n = 0;
    srv = await startServer((req, res) => { if (++n === 1) { res.statusCode = 503; res.end(); } else res.end(JSON_OK); });
    const { run } = await loadFlow(srv.url, callNode({ retryUnsafe: true }));
    const r = await run({ target: '1' });
    assert.equal(r.out, 'ok');
    assert.equal(srv.requests.length, 2);
  });

  it('"Request limit exceeded" is retried even for a call (nothing was started)', async () => {
    let n = 0;
    srv = await startServer((req, res) => res.end(++n === 1 ? '{"ERRORCODE":2,"ERRORMESSAGE":"Request limit exceeded","CALLID":""}' : JSON_OK));
    const { run } = await loadFlow(srv.url, callNode());
    const r = await run({ target: '1' });
    assert.equal(r.out, 'ok');
    assert.equal(srv.requests.length, 2);
  });

  it('connection refused, a malformed body and a timeout each give a clear error', async () => {
    const port = await closedPort();
    let l = await loadFlow(`http://127.0.0.1:${port}`, callNode());
    let r = await l.run({ target: '1' });
    assert.equal(r.msg.payload.code, 'HTTP_REFUSED');
    assert.match(r.caught.error.message, /connection refused/);
    await helper.unload();

    srv = await startServer((req, res) => res.end('<html><body>oops</body>'));
    l = await loadFlow(srv.url, callNode());
    r = await l.run({ target: '1' });
    assert.equal(r.msg.payload.code, 'DECODE');
    assert.match(r.msg.payload.message, /not a valid XML-RPC response/);
    await helper.unload();
    await srv.close();

    srv = await startServer(() => { /* never answers */ });
    l = await loadFlow(srv.url, callNode({ timeout: 150 }));
    r = await l.run({ target: '1' });
    assert.equal(r.msg.payload.code, 'HTTP_TIMEOUT');
    assert.match(r.caught.error.message, /no answer within 150 ms/);
  });

  it('iexpbx callnumber, callback and hangupcall send the documented query with credentials', async () => {
    srv = await startServer((req, res) => res.end('OK'));
    const { run } = await loadFlow(srv.url, { type: 'click2call', provider: 'iexpbx', operation: 'callnumber', fields: { number: { v: 'payload.number', vt: 'msg' }, internal: { v: '101', vt: 'str' } } });
    let r = await run({ payload: { number: '05321234567' } });
    assert.equal(r.out, 'ok');
    assert.deepEqual(srv.requests[0].query, { username: 'APIUSER', password: 'APIPASS', action: 'callnumber', number: '05321234567', internal: '101' });
    assert.equal(srv.requests[0].path, '/api/old/get');
    r = await run({ operation: 'callback', payload: { number1: '0532', number2: '0533', dp: 'default', uf: 'lead-7' } });
    // The editor's `internal` field is not a callback parameter and is left out.
    assert.deepEqual(srv.requests[1].query, { username: 'APIUSER', password: 'APIPASS', action: 'callback', number1: '0532', number2: '0533', dp: 'default', uf: 'lead-7' });
    r = await run({ operation: 'hangupcall', payload: { channel: 'SIP/trunk-sip-Trunk110-36a9b' } });
    assert.equal(srv.requests[2].query.channel, 'SIP/trunk-sip-Trunk110-36a9b');
    assert.equal(r.msg.payload.ok, true);
  });

  it('iexpbx: an answer saying it failed goes to output 2', async () => {
    srv = await startServer((req, res) => res.end('[{"success": false, "count": 0, "data": [], "message": "Invalid extension"}]'));
    const { run } = await loadFlow(srv.url, { type: 'click2call', provider: 'iexpbx', operation: 'callnumber', fields: {} });
    const r = await run({ payload: { number: '0532', internal: '999' } });
    assert.equal(r.out, 'err');
    assert.equal(r.msg.payload.message, 'Invalid extension');
  });

  it('a redeploy closes the account\'s connections, a call in flight included, with nothing unhandled', async () => {
    let closedSockets = 0;
    srv = await startServer((req, res) => { res.socket.on('close', () => closedSockets++); /* never answers */ });
    const { n1 } = await loadFlow(srv.url, callNode());
    n1.receive({ target: '1' });
    await srv.nextRequest();
    await helper.unload();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(closedSockets, 1);
  });
});
