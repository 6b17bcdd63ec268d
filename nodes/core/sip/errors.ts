/**
 * A message (or part of one) that breaks the grammar of RFC 3261 §25. `status` is the response a
 * UAS sends when it can build one (400 unless the RFC asks for another code, e.g. 505 for an
 * unknown SIP version, RFC 3261 §8.2.x / RFC 4475 §3.1.2.16).
 */
export class SipParseError extends Error {
  constructor(message: string, readonly status: number = 400) {
    super(message);
    this.name = 'SipParseError';
  }
}
