/**
 * Voicenter Click2Call (Voicenter API rev 3.2, §1). One URL, the operation chosen by `action`.
 * The document prints the URL as both `forwardDialer` and `ForwardDialer`; the examples use the
 * latter. It prints `Phone`, `Record`, `Dtmf` in the tables but the examples send lower case:
 * we send lower case and accept either on input.
 */
import type { OperationSpec, ParamSpec } from '../operation';

export const CLICK2CALL_PATH = '/ForwardDialer/click2call.aspx';

/** §1.6: ERRORCODE values. */
export const CLICK2CALL_ERRORS = {
  '0': 'OK',
  '1': 'Invalid request parameters',
  '2': 'Application error',
  '3': 'Extension representative offline',
  '4': 'Extension blocked for Click2Call calls',
} as const;

const code: ParamSpec = { name: 'code', type: 'string', required: true, fromConfig: true, description: 'Caller identity (account code)' };
const format: ParamSpec = { name: 'format', type: 'enum', values: ['XML', 'JSON'], description: 'Reply format; XML (XML-RPC) is the vendor default' };
const action = (a: string): ParamSpec => ({ name: 'action', type: 'string', required: true, default: a, sendDefault: true });
const phone: ParamSpec = { name: 'phone', type: 'phone', required: true, aliases: ['Phone'], description: 'First destination (E.164 without +, 0…, or an extension)' };
const targetCallerId: ParamSpec = { name: 'targetcallerid', type: 'phone', description: 'Caller id shown to the target' };
const targetCallerName: ParamSpec = { name: 'targetcallername', type: 'string', description: 'Caller name shown to the target' };
const phoneAutoAnswer: ParamSpec = { name: 'phoneautoanswer', type: 'boolean', description: 'Auto-answer the phone leg (Voicenter extensions only)' };

export const voicenterClick2Call: readonly OperationSpec[] = [
  {
    name: 'call',
    provider: 'voicenter',
    host: 'api',
    path: CLICK2CALL_PATH,
    encodings: ['POST', 'GET'],
    doc: 'Voicenter §1.2',
    description: 'Two-leg call: dial phone, then connect target',
    safe: false,
    startsCall: true,
    customVars: { prefix: 'var_', max: 10 },
    errors: CLICK2CALL_ERRORS,
    params: [
      code,
      action('call'),
      phone,
      { name: 'target', type: 'phone', required: true, description: 'Second destination' },
      { name: 'phonelogincode', type: 'digits', description: 'Login code when phone=logincode' },
      { name: 'record', type: 'boolean', aliases: ['Record'], description: 'Record the call (default false)' },
      { name: 'phonecallerid', type: 'phone', description: 'Caller id shown to the phone' },
      { name: 'phonecallername', type: 'string', description: 'Caller name shown to the phone' },
      targetCallerId,
      targetCallerName,
      { name: 'phonemaxdialtime', type: 'integer', min: 1, description: 'Phone maximum dial time, s (default 60)' },
      { name: 'targetmaxdialtime', type: 'integer', min: 1, description: 'Target maximum dial time, s (default 60)' },
      { name: 'maxduration', type: 'integer', min: 1, description: 'Maximum call duration, s (default 7200)' },
      phoneAutoAnswer,
      { name: 'targetautoanswer', type: 'boolean', description: 'Auto-answer the target leg (Voicenter extensions only)' },
      { name: 'checkphonedevicestate', type: 'boolean', description: 'Block the call if the phone extension is offline' },
      { name: 'checktargetdevicestate', type: 'boolean', description: 'Block the call if the target extension is offline' },
      { name: 'language', type: 'string', maxLength: 5, description: 'Prompt language: he, en, ru…' },
      { name: 'vm_id', type: 'string', description: 'Voicemail code (phone is a Voicenter extension)' },
      format,
    ],
  },
  {
    name: 'message',
    provider: 'voicenter',
    host: 'api',
    path: CLICK2CALL_PATH,
    encodings: ['POST', 'GET'],
    doc: 'Voicenter §1.3',
    description: 'Dial and play a voice message',
    safe: false,
    startsCall: true,
    errors: CLICK2CALL_ERRORS,
    params: [
      code,
      action('message'),
      phone,
      { name: 'pre_rec', type: 'string', description: 'First recording (name without extension)' },
      { name: 'dtmf', type: 'digits', aliases: ['Dtmf'], description: 'Digits spoken one by one' },
      { name: 'loop_rec', type: 'string', description: 'Recording after each digit' },
      { name: 'post_rec', type: 'string', description: 'Last recording' },
      { name: 'record', type: 'boolean', aliases: ['Record'], description: 'Record the call' },
      targetCallerId,
      targetCallerName,
      { name: 'phonemaxdialtime', type: 'integer', min: 1, description: 'Phone maximum dial time, s (default 30)' },
      { name: 'maxduration', type: 'integer', min: 1, description: 'Maximum call duration, s (default 30)' },
      phoneAutoAnswer,
      format,
    ],
  },
  {
    name: 'callference',
    provider: 'voicenter',
    host: 'api',
    path: CLICK2CALL_PATH,
    encodings: ['POST', 'GET'],
    doc: 'Voicenter §1.4',
    description: 'Call the phone into a callference (conference)',
    safe: false,
    startsCall: true,
    errors: CLICK2CALL_ERRORS,
    params: [
      code,
      action('callference'),
      phone,
      { name: 'bbbcode', type: 'digits', description: 'Callference entry code' },
      targetCallerId,
      targetCallerName,
      { name: 'phonemaxdialtime', type: 'integer', min: 1, description: 'Phone maximum dial time, s (default 30)' },
      { name: 'maxduration', type: 'integer', min: 1, description: 'Maximum call duration, s (default 30)' },
      phoneAutoAnswer,
      format,
    ],
  },
  {
    name: 'terminate',
    provider: 'voicenter',
    host: 'api',
    path: CLICK2CALL_PATH,
    encodings: ['POST', 'GET'],
    doc: 'Voicenter §1.5',
    description: 'Hang up the call of a Voicenter extension',
    // Hanging up twice is harmless, so a lost answer may be retried.
    safe: true,
    errors: CLICK2CALL_ERRORS,
    params: [code, action('terminate'), { ...phone, description: 'Voicenter extension to hang up' }, format],
  },
];
