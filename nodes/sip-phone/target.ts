/**
 * What `dial`, `transfer`, `forward` and `message` accept as a target: a number (digits with an
 * optional leading +, and * or #), `user@host[:port]`, or a `sip:`/`sips:`/`tel:` URI
 * (RFC 3261 §19.1, RFC 3966). The user agent builds the Request-URI; here we only refuse what
 * cannot be one, so the flow hears about a typo at once instead of through a 400 or 404.
 */
const MAX_TARGET_LENGTH = 512;
// RFC 3261 §25.1: unreserved / escaped / user-unreserved characters of a userinfo; no spaces.
const USER = "[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+";
const HOST = '(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9\\-.]*[A-Za-z0-9])?)';
const PORT = '(?::[0-9]{1,5})?';
const NUMBER = /^\+?[0-9*#]+$/;
const USER_AT_HOST = new RegExp(`^${USER}@${HOST}${PORT}$`);
const SIP_URI = new RegExp(`^sips?:(?:${USER}@)?${HOST}${PORT}(?:;[^\\s<>"]*)?(?:\\?[^\\s<>"]*)?$`, 'i');
const TEL_URI = /^tel:\+?[0-9*#\-.()A-Fa-f]+(?:;[^\s<>"]*)?$/i;

export type TargetKind = 'number' | 'userAtHost' | 'sipUri' | 'telUri';

/** The kind of target, or undefined when it is not one we can dial. */
export function targetKind(raw: string): TargetKind | undefined {
  if (raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return undefined;
  // A number is often typed with spaces or dashes ("+49 30 1234-5"): those are visual
  // separators (RFC 3966 §5.1.1) and are dropped by normaliseTarget, not refused.
  if (NUMBER.test(stripSeparators(raw))) return 'number';
  if (SIP_URI.test(raw)) return 'sipUri';
  if (TEL_URI.test(raw)) return 'telUri';
  if (USER_AT_HOST.test(raw)) return 'userAtHost';
  return undefined;
}

function stripSeparators(raw: string): string {
  return raw.replace(/[\s\-.()]/g, '');
}

/** The target as the user agent should get it (numbers without visual separators). */
export function normaliseTarget(raw: string): string | undefined {
  const trimmed = raw.trim();
  const kind = targetKind(trimmed);
  if (kind === undefined) return undefined;
  return kind === 'number' ? stripSeparators(trimmed) : trimmed;
}
