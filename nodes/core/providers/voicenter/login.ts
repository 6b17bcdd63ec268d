/**
 * Voicenter user login/logout (Voicenter API rev 3.2, §10), on its own host. `Status` is the
 * requested state in the request and the result in the response. `Code` is typed int but codes
 * are opaque strings everywhere else: we send it as text.
 */
import type { OperationSpec } from '../operation';

/** §10 response Status. */
export const LOGIN_STATUS = {
  '1': 'ok',
  '2': 'Authorization failed',
  '3': 'Missing parameters',
  '4': 'Login error',
  '5': 'Initiation Error',
} as const;

const base = { provider: 'voicenter', host: 'login', path: '/UserLogin/SetStatusFromAPI', encodings: ['JSON', 'POST', 'GET'] as const, doc: 'Voicenter §10', safe: true, errors: LOGIN_STATUS };
const userId = { name: 'UserID', type: 'digits', required: true, description: 'First 5 digits of the user code' } as const;
const code = { name: 'Code', type: 'string', required: true, fromConfig: true } as const;
const ext = { name: 'ExtensionUser', type: 'string', description: 'Extension SIP name' } as const;

export const voicenterLogin: readonly OperationSpec[] = [
  { ...base, name: 'Login', description: 'Log a user in (Status 1)', params: [userId, { name: 'Status', type: 'integer', required: true, default: 1, sendDefault: true }, code, ext] },
  { ...base, name: 'Logout', description: 'Log a user out (Status 2)', params: [userId, { name: 'Status', type: 'integer', required: true, default: 2, sendDefault: true }, code, ext] },
  {
    name: 'SetStatus', provider: 'voicenter', host: 'login', path: '/UserLogin/SetStatusFromAPI', encodings: ['JSON', 'POST', 'GET'],
    doc: 'Voicenter §10', safe: true, errors: LOGIN_STATUS, description: 'Log a user in or out (or set another status)',
    params: [
      { name: 'UserID', type: 'digits', required: true, description: 'First 5 digits of the user code' },
      { name: 'Status', type: 'integer', required: true, min: 1, description: '1 login, 2 logout, 3-13 custom statuses' },
      { name: 'Code', type: 'string', required: true, fromConfig: true },
      { name: 'ExtensionUser', type: 'string', description: 'Extension SIP name' },
    ],
  },
];
