import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * tls.checkServerIdentity, except that an IPv6 literal is compared with the certificate's IP
 * addresses in canonical form. Node 22 compares the canonical host (`::1`) with the addresses as
 * OpenSSL prints them (`0:0:0:0:0:0:0:1`), so a valid certificate for ::1 that Node 20 accepts
 * is refused there.
 */
export function checkServerIdentity(host: string, cert: tls.PeerCertificate): Error | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIPv6(bare) && typeof cert.subjectaltname === 'string') {
    const want = canonicalIPv6(bare);
    for (const name of cert.subjectaltname.split(', ')) {
      const ip = name.startsWith('IP Address:') ? name.slice('IP Address:'.length) : '';
      if (net.isIPv6(ip) && canonicalIPv6(ip) === want) return undefined;
    }
  }
  return tls.checkServerIdentity(host, cert);
}

function canonicalIPv6(ip: string): string {
  return new URL(`http://[${ip}]/`).hostname;
}
