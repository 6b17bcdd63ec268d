/** CSeq (RFC 3261 §20.16): the number is below 2**31 (§8.1.1.5). */
import { SipParseError } from '../errors';
import { isToken, parseDigits } from '../grammar';

export interface CSeq {
  seq: number;
  method: string;
}

/**
 * CSeq = 1*DIGIT LWS Method. Scanned by hand (no expression, no match array): SP/HTAB around
 * and between the parts, the method a token.
 */
export function parseCSeq(value: string): CSeq {
  const n = value.length;
  let i = 0;
  while (i < n && isSpTab(value.charCodeAt(i))) i++;
  const ds = i;
  while (i < n && isDigit(value.charCodeAt(i))) i++;
  const de = i;
  while (i < n && isSpTab(value.charCodeAt(i))) i++;
  const ms = i;
  while (i < n && !isSpTab(value.charCodeAt(i))) i++;
  const me = i;
  while (i < n && isSpTab(value.charCodeAt(i))) i++;
  if (de === ds || ms === de || me === ms || i < n) throw new SipParseError(`bad CSeq "${value}"`);
  const method = value.slice(ms, me);
  if (!isToken(method)) throw new SipParseError(`bad CSeq method "${method}"`);
  return { seq: parseDigits(value.slice(ds, de), 2 ** 31 - 1, 'CSeq number'), method };
}

function isSpTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function formatCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}
