/** CSeq (RFC 3261 §20.16): the number is below 2**31 (§8.1.1.5). */
import { SipParseError } from '../errors';
import { isToken, parseDigits } from '../grammar';

export interface CSeq {
  seq: number;
  method: string;
}

export function parseCSeq(value: string): CSeq {
  const m = /^[ \t]*(\d+)[ \t]+(\S+)[ \t]*$/.exec(value);
  if (!m) throw new SipParseError(`bad CSeq "${value}"`);
  const method = m[2] ?? '';
  if (!isToken(method)) throw new SipParseError(`bad CSeq method "${method}"`);
  return { seq: parseDigits(m[1] ?? '', 2 ** 31 - 1, 'CSeq number'), method };
}

export function formatCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}
