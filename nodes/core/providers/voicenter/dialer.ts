/**
 * Voicenter Dialer API (Voicenter API rev 3.2, §6): 15 campaign operations under
 * /ForwardDialer/Dialer/. Custom data is `var_*` parameters for GET/POST and a `CustomData`
 * object for JSON (§6.1). AddCall documents `Callerid`, AddCallsBulk sends `CallerID`: both are
 * accepted; AddCall/UpdateCall emit `Callerid`, AddCallsBulk emits `CallerID` (as printed).
 */
import type { OperationSpec, ParamSpec } from '../operation';

export const DIALER_PATH = '/ForwardDialer/Dialer/';

/** §6.1: the only ErrorCode table of the chapter; the other operations share the codes. */
export const DIALER_ERRORS = {
  '0': 'OK',
  '1': 'Invalid campaign code',
  '2': 'The target is invalid',
  '3': 'Unexpected internal error',
  '4': 'Invalid caller id',
} as const;

const campaign: ParamSpec = { name: 'Campaign', type: 'string', required: true, description: 'Campaign unique code' };
const target: ParamSpec = { name: 'Target', type: 'phone', required: true, aliases: ['Phone'], description: 'Number to call' };
const callParams: ParamSpec[] = [
  campaign,
  target,
  { name: 'Callerid', type: 'phone', aliases: ['CallerID', 'CallerId'], description: 'Caller id shown to the target ("Anonymous" hides it)' },
  { name: 'CallerName', type: 'string', description: 'Caller name' },
  { name: 'OriginateTime', type: 'epoch', description: 'When to call (Unix seconds, Date or ISO time)' },
  { name: 'CustomerName', type: 'string', description: 'Name of the customer' },
  { name: 'Priority', type: 'integer', description: 'Higher priority calls are dialled first' },
];

function op(name: string, params: ParamSpec[], extra: Partial<OperationSpec> & { doc: string; safe: boolean }): OperationSpec {
  return {
    name,
    provider: 'voicenter',
    host: 'api',
    path: DIALER_PATH + name,
    encodings: ['JSON', 'POST', 'GET'],
    errors: DIALER_ERRORS,
    params,
    ...extra,
  };
}

export const voicenterDialer: readonly OperationSpec[] = [
  op('AddCall', callParams, { doc: 'Voicenter §6.1', safe: false, startsCall: true, customVars: { prefix: 'var_' }, description: 'Add a call to a campaign' }),
  op('AddCallsBulk', [
    { name: 'Campaign', type: 'string', description: 'Campaign code for items that have none' },
    { name: 'Calls', type: 'array', required: true, description: 'List of calls ({Target, CallerID, CallerName, CustomerName, Priority, CustomData})' },
  ], { doc: 'Voicenter §6.11', safe: false, startsCall: true, encodings: ['JSON'], description: 'Add many calls (split into requests of the configured size)' }),
  op('RemoveCall', [campaign, target], { doc: 'Voicenter §6.2', safe: true, description: 'Remove a call from a campaign' }),
  op('UpdateCall', callParams, { doc: 'Voicenter §6.13', safe: true, customVars: { prefix: 'var_' }, description: 'Update a pending call' }),
  op('GetCampaignList', [{ name: 'Code', type: 'string', required: true, fromConfig: true }], { doc: 'Voicenter §6.3', safe: true, description: 'List campaigns' }),
  op('GetCampaignDetails', [campaign], { doc: 'Voicenter §6.14', safe: true, description: 'Details of one campaign' }),
  op('GetCampaignPendingCalls', [campaign], { doc: 'Voicenter §6.12', safe: true, encodings: ['JSON'], description: 'Calls waiting in a campaign' }),
  op('GetMembersList', [campaign], { doc: 'Voicenter §6.4', safe: true, description: 'Members of a campaign' }),
  op('AddMember', [campaign, { name: 'Member', type: 'string', required: true, description: 'Extension to add' }], { doc: 'Voicenter §6.6', safe: true, description: 'Add a member' }),
  op('RemoveMember', [campaign, { name: 'Member', type: 'string', required: true, description: 'Extension to remove' }], { doc: 'Voicenter §6.5', safe: true, description: 'Remove a member' }),
  op('StartCampaign', [campaign], { doc: 'Voicenter §6.8', safe: true, description: 'Start a campaign' }),
  op('StopCampaign', [campaign], { doc: 'Voicenter §6.7', safe: true, description: 'Stop a campaign' }),
  op('UpdateCampaignStrategy', [
    campaign,
    { name: 'setQueueForMonitoring', type: 'integer', description: 'Queue to monitor' },
    { name: 'setQueueMaximumCallers', type: 'integer', min: 0, description: 'Maximum callers waiting in the queue' },
    { name: 'setCoefficient', type: 'number', min: 0, description: 'Dialling coefficient' },
  ], { doc: 'Voicenter §6.9', safe: true, description: 'Change the dialling strategy' }),
  op('ClearCampaignCalls', [campaign], { doc: 'Voicenter §6.10', safe: true, description: 'Remove every pending call' }),
  op('ConfigureIvrCampaign', [
    campaign,
    { name: 'setMaxCalls', type: 'integer', min: 0, description: 'Concurrent calls (ConcurrentStrategy.setMaxCalls)' },
    { name: 'ConcurrentStrategy', type: 'object', description: 'Whole ConcurrentStrategy object' },
    { name: 'RepresentativeList', type: 'strings', description: 'Extensions (SIP names), comma separated' },
  ], { doc: 'Voicenter §6.15', safe: true, encodings: ['JSON'], description: 'Configure an IVR campaign' }),
];

/** The fields of one AddCallsBulk item (§6.11), in the order the example prints them. */
export const BULK_ITEM: readonly ParamSpec[] = [
  campaign,
  target,
  { name: 'CallerID', type: 'phone', aliases: ['Callerid', 'CallerId'] },
  { name: 'CallerName', type: 'string' },
  { name: 'CustomerName', type: 'string' },
  { name: 'Priority', type: 'integer' },
  { name: 'OriginateTime', type: 'epoch' },
];
