/**
 * Which provider sent a CDR request, and its records: the node's configured provider, or, with
 * `auto`, recognised from the request itself.
 */
import type { ParsedBody } from './body';
import { UnknownRequestError, type InboundResult } from '../../providers/cdr-inbound';
import type { Provider } from '../../providers/cdr-record';
import { voicenterInbound } from '../../providers/voicenter/cdr';
import { iexpbxInbound } from '../../providers/iexpbx/cdr';
import { vosInbound } from '../../providers/vos3000/cdr';

export type ProviderChoice = Provider | 'auto';

export function dispatchCdr(choice: ProviderChoice, parsed: ParsedBody, path: string): InboundResult {
  const tryVoicenter = () => voicenterInbound(parsed.method, parsed.data, parsed.raw);
  const tryVos = () => (parsed.format === 'json' && !parsed.method ? vosInbound(path, parsed.data) : undefined);
  const tryIexpbx = () =>
    (parsed.format === 'form' || parsed.format === 'query') && isStringRecord(parsed.data) ? iexpbxInbound(parsed.data) : undefined;
  const order =
    choice === 'voicenter' ? [tryVoicenter] : choice === 'vos3000' ? [tryVos] : choice === 'iexpbx' ? [tryIexpbx] : [tryVos, tryVoicenter, tryIexpbx];
  for (const attempt of order) {
    const r = attempt();
    if (r) return r;
  }
  throw new UnknownRequestError(`not a ${choice === 'auto' ? 'known' : choice} CDR or event request`);
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}
