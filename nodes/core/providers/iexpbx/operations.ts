/**
 * iexpbx PBX HTTP API (shared/seeds/002): every call is a GET on /api/old/get with
 * username, password and `action`. Results are JSON `[{success, count, data}]` (a one-element
 * array, AMBIGUITIES 16), except `record` (a GSM audio file) and `phonedirectory` (XML). The
 * results of hangupcall, callnumber, callivr and callback are undocumented (AMBIGUITIES 20).
 */
import type { OperationSpec, ParamSpec } from '../operation';

export const IEXPBX_PATH = '/api/old/get';

const auth: ParamSpec[] = [
  { name: 'username', type: 'string', required: true, fromConfig: true },
  { name: 'password', type: 'string', required: true, fromConfig: true },
];
const action = (a: string): ParamSpec => ({ name: 'action', type: 'string', required: true, default: a, sendDefault: true });

function op(name: string, params: ParamSpec[], extra: { doc: string; safe: boolean; startsCall?: boolean; description: string }): OperationSpec {
  return { name, provider: 'iexpbx', host: 'api', path: IEXPBX_PATH, encodings: ['GET'], params: [...auth, action(name), ...params], ...extra };
}

export const iexpbxOperations: readonly OperationSpec[] = [
  op('activecalls', [], { doc: 'iexpbx "Listing Active Calls"', safe: true, description: 'Calls in progress' }),
  op('hangupcall', [{ name: 'channel', type: 'string', required: true, description: 'Channel of the call (from activecalls)' }], {
    doc: 'iexpbx "Hang up call"', safe: true, description: 'Hang up an active call',
  }),
  op('cdr', [
    { name: 'date1', type: 'datetime', required: true, description: 'From (a time, or ddMMyyyyHHmm)' },
    { name: 'date2', type: 'datetime', required: true, description: 'To (a time, or ddMMyyyyHHmm)' },
    { name: 'number', type: 'phone', description: 'Only calls with this number' },
    { name: 'uf', type: 'boolean', description: 'Include the custom data of IVR calls (sent as uf=yes)' },
  ], { doc: 'iexpbx "Listing Call details"', safe: true, description: 'Call detail records' }),
  op('users', [], { doc: 'iexpbx "Listing Extensions"', safe: true, description: 'Extensions and their registration' }),
  op('queues', [], { doc: 'iexpbx "Listing Queues"', safe: true, description: 'Queues and their members' }),
  op('callnumber', [
    { name: 'number', type: 'phone', required: true, description: 'Destination' },
    { name: 'internal', type: 'phone', required: true, description: 'Extension that calls' },
  ], { doc: 'iexpbx "Start a Call"', safe: false, startsCall: true, description: 'Ring an extension, then dial the number' }),
  op('callivr', [
    { name: 'number', type: 'phone', required: true, description: 'Destination' },
    { name: 'dp', type: 'string', required: true, description: 'Dial plan name' },
    { name: 'dest', type: 'string', required: true, description: 'IVR number played when answered' },
    { name: 'uf', type: 'string', description: 'Custom data (${MSTUF} in the IVR script)' },
    { name: 'file', type: 'strings', description: 'Announcements: file names, or {TTS text}; joined with |' },
  ], { doc: 'iexpbx "Outgoing IVR Call"', safe: false, startsCall: true, description: 'Outgoing IVR call with announcements' }),
  op('callback', [
    { name: 'number1', type: 'phone', required: true, description: 'First number' },
    { name: 'number2', type: 'phone', required: true, description: 'Second number' },
    { name: 'dp', type: 'string', required: true, description: 'Dial plan name' },
    { name: 'uf', type: 'string', description: 'Custom data' },
  ], { doc: 'iexpbx "Number masking"', safe: false, startsCall: true, description: 'Connect two numbers without showing their caller ids' }),
  op('record', [{ name: 'id', type: 'string', required: true, description: 'Call id (from cdr) or channel id' }], {
    doc: 'iexpbx "Downloading a call record"', safe: true, description: 'Download a recording (GSM audio) as a Buffer',
  }),
  op('phonedirectory', [], { doc: 'iexpbx "Getting IEXPBX contacts"', safe: true, description: 'The PBX phone book' }),
];

export function iexpbxOperation(name: string): OperationSpec | undefined {
  return iexpbxOperations.find((o) => o.name.toLowerCase() === name.toLowerCase());
}
