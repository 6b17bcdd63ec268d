/**
 * All operations of VOS3000 Web Interface 2.1.7.0 section 2, assembled from the group files.
 * Adding an operation is adding an entry to its group's table.
 */
import type { VosField, VosGroupId, VosOperation, VosStructs } from './types';
import * as customers from './customers';
import * as phones from './phones';
import * as gatewayMapping from './gateway-mapping';
import * as gatewayRouting from './gateway-routing';
import * as calls from './calls';
import * as payments from './payments';
import * as suites from './suites';
import * as phoneCards from './phone-cards';
import * as boundE164s from './bound-e164s';
import * as feeRates from './fee-rates';
import * as cdrsReports from './cdrs-reports';
import * as phoneBooks from './phone-books';
import * as ivrAudio from './ivr-audio';
import * as e164Convert from './e164-convert';
import * as alarms from './alarms';

export type * from './types';

/** Groups in editor order; the label is the catalog key's English default. */
export const VOS_GROUPS: readonly { readonly id: VosGroupId; readonly label: string }[] = [
  { id: 'customers', label: 'Customers' },
  { id: 'phones', label: 'Phones' },
  { id: 'gatewayMapping', label: 'Gateway mapping' },
  { id: 'gatewayRouting', label: 'Gateway routing' },
  { id: 'calls', label: 'Calls' },
  { id: 'payments', label: 'Payments' },
  { id: 'suites', label: 'Suites' },
  { id: 'phoneCards', label: 'Phone cards' },
  { id: 'boundE164s', label: 'Bound E164s' },
  { id: 'feeRates', label: 'Fee rates' },
  { id: 'cdrsReports', label: 'CDRs and reports' },
  { id: 'phoneBooks', label: 'Phone books' },
  { id: 'ivrAudio', label: 'IVR audio' },
  { id: 'e164Convert', label: 'E164 conversion' },
  { id: 'alarms', label: 'Alarms and media blocking' },
];

const modules = [
  customers,
  phones,
  gatewayMapping,
  gatewayRouting,
  calls,
  payments,
  suites,
  phoneCards,
  boundE164s,
  feeRates,
  cdrsReports,
  phoneBooks,
  ivrAudio,
  e164Convert,
  alarms,
];

function sectionOrder(a: VosOperation, b: VosOperation): number {
  return Number(a.section.split('.')[1]) - Number(b.section.split('.')[1]);
}

/** Every operation, in the document's section order. */
export const VOS_OPERATIONS: readonly VosOperation[] = modules.flatMap((m) => m.operations).sort(sectionOrder);

export const VOS_STRUCTS: VosStructs = Object.assign({}, ...modules.map((m) => m.structs)) as VosStructs;

const byName = new Map<string, VosOperation>(VOS_OPERATIONS.map((o) => [o.name, o]));
const byLowerName = new Map<string, VosOperation>(VOS_OPERATIONS.map((o) => [o.name.toLowerCase(), o]));

/** The operation with this name; case-insensitive as a fallback (msg.topic typed by hand). */
export function findOperation(name: string): VosOperation | undefined {
  return byName.get(name) ?? byLowerName.get(name.trim().toLowerCase());
}

/** The fields of a nested Info* format. */
export function structFields(name: string): readonly VosField[] | undefined {
  return VOS_STRUCTS[name];
}
