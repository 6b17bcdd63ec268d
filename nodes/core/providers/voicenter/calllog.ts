/**
 * Voicenter call log (Voicenter API rev 3.2, §3): https://api1.voicenter.co.il/hub/cdr/,
 * JSON or GET. `search` is typed "array" but is an object in the example; we send an object.
 * The GET example flattens the search keys and repeats array keys (`phones=…&phones=…`).
 */
import type { OperationSpec } from '../operation';

export const CALLLOG_ERRORS = {
  '0': 'OK',
  '1': 'Request limit exceeded. Please try again later.',
  '2': 'Authorization failed.',
  '3': 'CDR limit exceeded.',
  '4': 'IP address is not trusted.',
} as const;

export const CALLLOG_FIELDS = [
  'Date', 'Type', 'DID', 'CallerNumber', 'CallerExtension', 'TargetNumber', 'TargetExtension', 'TargetPrefixName',
  'Duration', 'Price', 'RecordURL', 'RecordExpect', 'RepresentativeName', 'RepresentativeCode', 'DTMFData', 'CallID',
  'QueueName', 'DialStatus', 'DialStatus2', 'RingTime', 'CustomData', 'DepartmentName', 'DepartmentId',
] as const;

export const voicenterCallLog: readonly OperationSpec[] = [
  {
    name: 'GetCallLog', provider: 'voicenter', host: 'cdr', path: '/hub/cdr/', encodings: ['JSON', 'GET'],
    doc: 'Voicenter §3', safe: true, errors: CALLLOG_ERRORS, description: 'Call detail records for a time range',
    params: [
      { name: 'code', type: 'string', required: true, fromConfig: true },
      { name: 'format', type: 'enum', values: ['JSON', 'HTML'], default: 'JSON', sendDefault: true },
      { name: 'fromdate', type: 'datetime', required: true, description: 'Start (ISO 8601, e.g. 2015-05-14T08:00)' },
      { name: 'todate', type: 'datetime', required: true, description: 'End (ISO 8601)' },
      { name: 'phones', type: 'strings', description: 'Phone numbers with country code, comma separated' },
      { name: 'extensions', type: 'strings', aliases: ['extension'], description: 'SIP names, comma separated' },
      { name: 'IdentityCriteria', type: 'enum', values: ['Account', 'Hierarchical', 'Department', 'User'] },
      { name: 'fields', type: 'strings', aliases: ['Fields'], description: `Fields to return: ${CALLLOG_FIELDS.join(', ')}` },
    ],
  },
];
