/**
 * Transfers by REFER (RFC 3515) with Replaces (RFC 3891), the parts that do not depend on the
 * INVITE session: what the transferee's new INVITE carries, the Refer-To of an attended
 * transfer, the NOTIFYs that report the new call's progress to the transferor (RFC 3515 §2.4.4),
 * and how a NOTIFY's sipfrag reads as progress.
 */
import type { Call } from './call';
import type { Dialog } from './dialog/dialog';
import { SIPFRAG, formatSipfrag, parseSipfrag } from './bodies/sipfrag';
import { ReferTarget, Replaces, uriWithReplaces } from './headers/replaces';
import type { HeaderList } from './signalling-port';

/** Replaces for a dialog of ours, named as its peer will match it (RFC 3891 §3). */
export function replacesFor(d: Dialog): Replaces {
  return { callId: d.callId, toTag: d.remoteTag, fromTag: d.localTag, earlyOnly: false };
}

/** Refer-To URI for an attended transfer to the peer of `d`: its Contact, with Replaces (RFC 5589 §7.2). */
export function attendedReferTo(d: Dialog): string {
  return uriWithReplaces(d.remoteTarget, replacesFor(d));
}

/** Headers of the transferee's INVITE: Referred-By (RFC 3892) and the Refer-To URI's own headers. */
export function inviteHeadersFromRefer(target: ReferTarget, referredBy?: string): HeaderList {
  const extra: HeaderList = [];
  if (referredBy) extra.push(['Referred-By', referredBy]);
  for (const [k, v] of Object.entries(target.headers)) {
    if (k.toLowerCase() !== 'replaces') extra.push([k, v]);
  }
  return extra;
}

export interface ReferNotify {
  headers: HeaderList;
  body: string;
  contentType: string;
}

/** A NOTIFY of the implicit refer subscription; the final one terminates it (RFC 3515 §2.4.5). */
export function referNotify(code: number, reason: string, final: boolean): ReferNotify {
  const sub = final ? 'terminated;reason=noresource' : 'active;expires=60';
  return { headers: [['Event', 'refer'], ['Subscription-State', sub]], body: formatSipfrag(code, reason), contentType: SIPFRAG };
}

/** Reports a transferred call's progress through `notify` until its first final outcome. */
export function followTransfer(newCall: Call, notify: (code: number, reason: string, final: boolean) => void): void {
  let done = false;
  newCall.on('progress', ({ code }) => {
    if (!done) notify(code, code === 180 ? 'Ringing' : 'Session Progress', false);
  });
  newCall.on('answered', () => {
    if (done) return;
    done = true;
    notify(200, 'OK', true);
  });
  newCall.on('ended', ({ cause }) => {
    if (done) return;
    done = true;
    notify(cause.sip && cause.sip >= 300 ? cause.sip : 487, cause.reason ?? 'Failed', true);
  });
}

/** A refer NOTIFY as progress: its sipfrag status, final on a final status or a terminated subscription. */
export function readReferNotify(body: string, subscriptionState: string | undefined): { code: number; reason: string; final: boolean } | undefined {
  const frag = parseSipfrag(body);
  if (!frag) return undefined;
  const state = (subscriptionState ?? '').split(';')[0].trim().toLowerCase();
  return { code: frag.code, reason: frag.reason, final: frag.code >= 200 || state === 'terminated' };
}
