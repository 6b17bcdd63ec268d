/**
 * Voicenter monitor host (Voicenter API rev 3.2, §7 active calls, §8 extension list). Answers
 * are JavaScript object literals with unquoted keys; error answers are JSON (`ERR`, `DESC`).
 */
import type { OperationSpec, ParamSpec } from '../operation';

export const MONITOR_ERRORS = { '0': 'OK', '1': 'Authorization failed.', '2': 'Internal error.' } as const;

const code: ParamSpec = { name: 'code', type: 'string', required: true, fromConfig: true };

export const voicenterMonitor: readonly OperationSpec[] = [
  {
    name: 'GetExtensionsCalls', provider: 'voicenter', host: 'monitor', path: '/comet/API/GetExtensionsCalls', encodings: ['GET'],
    doc: 'Voicenter §7.1', safe: true, errors: MONITOR_ERRORS, params: [code], description: 'Active calls per extension',
  },
  {
    name: 'GetQueuesCallers', provider: 'voicenter', host: 'monitor', path: '/comet/API/GetQueuesCallers', encodings: ['GET'],
    doc: 'Voicenter §7.2', safe: true, errors: MONITOR_ERRORS, params: [code], description: 'Callers waiting in queues',
  },
  {
    name: 'GetExtensions', provider: 'voicenter', host: 'monitor', path: '/Comet/api/GetExtensions', encodings: ['GET', 'POST', 'JSON'],
    doc: 'Voicenter §8', safe: true, errors: MONITOR_ERRORS, description: 'Extensions of the organisation',
    // §8: "true for complete organization list, false for current account only"; the printed
    // URL sends 0. We send true/false as the table says.
    params: [code, { name: 'showAll', type: 'boolean', default: false, sendDefault: true, description: 'Whole organisation (true) or this account only' }],
  },
];
