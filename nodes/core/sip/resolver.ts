/**
 * Choosing where a request goes (RFC 3261 §8.1.2, RFC 3263 §4 without NAPTR/SRV): the first
 * Route when it is a loose router, else the Request-URI; transport from `transport=` or the
 * scheme (sips → TLS); port from the URI or the transport's default; `maddr` overrides the
 * host. Host names go through the system resolver (A/AAAA), which is the "trivial" part of
 * RFC 3263 §4.2 we do.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { SipRequest } from './message';
import { Uri, isSipUri } from './uri';
import { Destination, TransportProtocol } from './transport/types';

const DEFAULT_PORT: Record<TransportProtocol, number> = { UDP: 5060, TCP: 5060, TLS: 5061, WS: 80, WSS: 443 };

/** The URI a request is sent to: the top Route (§8.1.2) or the Request-URI. */
export function nextHopUri(req: SipRequest): Uri {
  const route = req.route[0];
  return route ? route.uri : req.uri;
}

/** Destination without name resolution (host may still be a name). */
export function targetOf(uri: Uri, defaultTransport: TransportProtocol = 'UDP'): Destination {
  if (!isSipUri(uri)) throw new Error(`cannot send to a ${uri.scheme}: URI`);
  const tp = uri.params.get('transport')?.toUpperCase();
  let transport: TransportProtocol;
  if (tp === 'UDP' || tp === 'TCP' || tp === 'TLS' || tp === 'WS' || tp === 'WSS') transport = tp;
  else if (uri.scheme === 'sips') transport = 'TLS';
  else transport = defaultTransport;
  if (uri.scheme === 'sips' && transport === 'TCP') transport = 'TLS';
  if (uri.scheme === 'sips' && transport === 'WS') transport = 'WSS';
  const maddr = uri.params.get('maddr');
  const host = maddr ?? uri.host;
  return { transport, host, port: uri.port ?? DEFAULT_PORT[transport] };
}

export async function resolveDestination(d: Destination): Promise<Destination> {
  if (net.isIP(d.host)) return d;
  const a = await lookup(d.host);
  return { ...d, host: a.address, servername: d.servername ?? d.host };
}
