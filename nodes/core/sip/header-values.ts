/**
 * Small readers of header values the call layer needs (tags, display names, option tags),
 * working on the text values of its SipMessageView.
 */
import type { IncomingResponse } from './signalling-port';

/** The tag parameter of a From/To value (after the name-addr's '>'). */
export function tagOf(nameAddr: string | undefined): string {
  if (!nameAddr) return '';
  const gt = nameAddr.lastIndexOf('>');
  const tail = gt >= 0 ? nameAddr.slice(gt + 1) : nameAddr.slice(Math.max(0, nameAddr.indexOf(';')));
  const m = /;\s*tag\s*=\s*([^;\s,]+)/i.exec(tail);
  return m ? m[1] : '';
}

/** A From/To value without its tag (for a dialog's local/remote URI). */
export function withoutTag(nameAddr: string): string {
  const gt = nameAddr.lastIndexOf('>');
  if (gt < 0) return nameAddr.replace(/;\s*tag\s*=[^;]*/i, '');
  return nameAddr.slice(0, gt + 1) + nameAddr.slice(gt + 1).replace(/;\s*tag\s*=[^;]*/i, '');
}

export function displayNameOf(nameAddr: string): string | undefined {
  const lt = nameAddr.indexOf('<');
  if (lt <= 0) return undefined;
  return nameAddr.slice(0, lt).trim().replace(/^"|"$/g, '') || undefined;
}

/** The user part of a sip:/sips:/tel: URI, unescaped. */
export function userOf(uri: string): string | undefined {
  const m = /^(?:sips?|tel):([^@;?]+)(@|$|;)/i.exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/** Whether a list header (Supported, Require, Allow) holds an option tag or method. */
export function hasToken(values: string[], token: string): boolean {
  return values.some((v) => v.split(',').some((t) => t.trim().toLowerCase() === token));
}

export function isSdp(msg: { header(n: string): string | undefined; body: string }): boolean {
  const ct = msg.header('Content-Type');
  return !!msg.body && !!ct && ct.split(';')[0].trim().toLowerCase() === 'application/sdp';
}

/** A response made up locally (a timeout read as 408, RFC 3261 §8.1.3.1). */
export function syntheticResponse(status: number, reason: string): IncomingResponse {
  return { status, reason, body: '', header: () => undefined, headers: () => [] };
}
