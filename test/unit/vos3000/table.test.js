'use strict';
/**
 * The operation table against the document itself (/work/shared/seeds or test/fixtures copy):
 * every section 2.x heading is an operation of the table, with the URL's name; every field name
 * of the table is printed in its section, either whole or wrapped by the PDF's column onto the
 * next line (AMBIGUITIES.md item 23: names kept as printed, wraps repaired).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vos = require('../../../dist/core/providers/vos3000/index');

const SPEC = path.join(__dirname, '..', '..', 'fixtures', 'vos3000-web-interface.txt');

function bodySections() {
  const lines = fs.readFileSync(SPEC, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^2Receive Request/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^3\. Send Request/.test(l));
  assert.ok(start > 0 && end > start, 'section 2 found in the document');
  const sections = new Map();
  let cur;
  for (const raw of lines.slice(start + 1, end)) {
    const l = raw.trim();
    const m = /^2\.(\d+) (.+)$/.exec(l);
    if (m) {
      const key = `2.${m[1]}`;
      if (!sections.has(key)) sections.set(key, { section: key, title: m[2], url: undefined, lines: [] });
      cur = sections.get(key);
      continue;
    }
    if (!cur) continue;
    const u = /^http:\/\/VOSIP\/external\/server\/\s*(\w+)/.exec(l);
    if (u) cur.url = u[1];
    cur.lines.push(l);
  }
  return sections;
}

/** Is `name` printed in these lines, whole or as "head ..." + next line "tail ..."? */
function printed(name, lines) {
  for (let i = 0; i < lines.length; i++) {
    const tokens = lines[i].split(/\s+/);
    if (tokens.includes(name)) return true;
    // The name column wraps: the head starts a row, the tail starts a following line
    // (a page number may sit between them).
    const head = tokens[0];
    if (head && name.startsWith(head) && head !== name) {
      for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) {
        const tail = lines[j].split(/\s+/)[0];
        if (head + tail === name) return true;
      }
    }
  }
  return false;
}

describe('vos3000 operation table', () => {
  const sections = bodySections();

  it('has every operation of section 2 and nothing else, named by its URL', () => {
    assert.equal(sections.size, vos.VOS_OPERATIONS.length);
    for (const s of sections.values()) {
      assert.ok(s.url, `${s.section} has a URL`);
      const op = vos.VOS_OPERATIONS.find((o) => o.section === s.section);
      assert.ok(op, `section ${s.section} ${s.title} is in the table`);
      assert.equal(op.name, s.url, `${s.section} name`);
    }
    assert.equal(new Set(vos.VOS_OPERATIONS.map((o) => o.name)).size, vos.VOS_OPERATIONS.length, 'names unique');
  });

  it('prints every field name of every operation and struct in its section', () => {
    const structSection = {};
    for (const s of sections.values()) {
      for (const l of s.lines) {
        const m = /^(Info\w*?)\s*[Ff]ormat$/.exec(l);
        if (m) structSection[m[1] === 'InfoIvrAduio' ? 'InfoIvrAudio' : m[1]] = s;
      }
    }
    const missing = [];
    for (const op of vos.VOS_OPERATIONS) {
      const s = sections.get(op.section);
      for (const f of [...op.request, ...op.response]) if (!printed(f.name, s.lines)) missing.push(`${op.section} ${f.name}`);
    }
    for (const [name, fields] of Object.entries(vos.VOS_STRUCTS)) {
      const s = structSection[name];
      assert.ok(s, `struct ${name} has a Format table in the document`);
      for (const f of fields) if (!printed(f.name, s.lines)) missing.push(`${name}.${f.name}`);
    }
    assert.deepEqual(missing, []);
  });

  it('repairs the PDF-wrapped names', () => {
    const names = (opName) => vos.VOS_OPERATIONS.find((o) => o.name === opName).request.map((f) => f.name);
    assert.ok(names('CreatePhone').includes('routingGatewayGroupsAllow'));
    assert.ok(names('CreateGatewayMapping').includes('dtmfSendPayloadTypeH323'));
    assert.ok(names('ModifyGatewayMapping').includes('forwardSignalRewriteE164GroupEnable'));
    assert.ok(names('CreateE164Convert').includes('mappingGatewayCallerE164'));
    const pva = vos.VOS_STRUCTS.InfoPhoneValueAdded.find((f) => f.name === 'infoPhoneValueAddedPeriodForwardings');
    assert.equal(pva.struct, 'InfoPhoneValueAddedPeriodForwarding');
    assert.equal(pva.array, true);
    for (const op of vos.VOS_OPERATIONS) for (const f of [...op.request, ...op.response]) assert.match(f.name, /^[A-Za-z][A-Za-z0-9]*$/);
  });

  it('resolves every Info* reference and keeps code names free of clashes', () => {
    const lists = [...vos.VOS_OPERATIONS.flatMap((o) => [o.request, o.response]), ...Object.values(vos.VOS_STRUCTS)];
    for (const fields of lists) {
      const names = new Set(fields.map((f) => f.name));
      for (const f of fields) {
        if (f.type === 'struct') assert.ok(vos.VOS_STRUCTS[f.struct], `struct ${f.struct}`);
        if (f.values) assert.ok(!names.has(`${f.name}Name`), `${f.name}Name clashes with a field`);
      }
    }
  });

  it('has the documented request details: required, length, codes, formats', () => {
    const op = (n) => vos.findOperation(n);
    const f = (o, n) => op(o).request.find((x) => x.name === n);
    assert.deepEqual(f('CreateCustomer', 'account'), { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' });
    assert.equal(f('GetCdr', 'beginTime').format, 'yyyyMMdd');
    assert.equal(f('GetPayHistory', 'beginTime').format, 'yyyyMMddHHmmss');
    assert.deepEqual(f('Pay', 'ownerType').values, { 2: 'Account', 6: 'Phone', 11: 'Active Phone Card', 25: 'Binded E164', 44: 'Mapping Gateway' });
    const keep = vos.VOS_STRUCTS.InfoCurrentCall.find((x) => x.name === 'keepTime');
    assert.equal(keep.values['-5'], 'Alerting');
    assert.equal(keep.values['-6'], 'Connect');
    assert.equal(keep.closed, undefined, 'positive keepTime is a duration');
    assert.equal(vos.VOS_STRUCTS.InfoCurrentCall.find((x) => x.name === 'calleeSendDtmf').values['50'], 'SIP Info');
    assert.deepEqual(op('GetCustomer').atLeastOne, ['accounts', 'e164s']);
    assert.equal(op('getcurrentcall').name, 'GetCurrentCall');
  });

  it('is split into group files of readable size, every group in the editor list', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'nodes', 'core', 'providers', 'vos3000');
    for (const file of fs.readdirSync(dir)) {
      const n = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').length;
      assert.ok(n < 600, `${file} has ${n} lines`);
    }
    const groups = new Set(vos.VOS_GROUPS.map((g) => g.id));
    assert.equal(groups.size, 15);
    for (const o of vos.VOS_OPERATIONS) assert.ok(groups.has(o.group), o.name);
  });
});
