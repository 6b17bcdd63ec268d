/**
 * The address lookup for RTP/RTCP sockets. dgram resolves the destination of every send through
 * `dns.lookup`, which for an IP literal still defers the real send to `process.nextTick` and
 * allocates a closure per packet. Media destinations are IP literals from SDP (c=, RFC 4566 §5.7)
 * or from latching (RFC 4961), so a literal of the socket's family is answered synchronously:
 * each packet leaves in the scheduler's order as soon as it is built, not after the whole wake-up.
 * Anything else (a host name, a literal of the other family) goes to dns.lookup unchanged, errors
 * included.
 */
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

export function literalFirstLookup(hostname: string, options: LookupOneOptions | number, callback: LookupCallback): void {
  const wanted = typeof options === 'number' ? options : options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
  const family = isIP(hostname);
  if (family !== 0 && (wanted === 0 || wanted === family)) {
    callback(null, hostname, family);
    return;
  }
  dnsLookup(hostname, typeof options === 'number' ? { family: options } : options, callback);
}
