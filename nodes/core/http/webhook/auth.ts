/**
 * Who may call a webhook. PBXs authenticate poorly: Voicenter and iexpbx call a URL the
 * integrator configured (so a secret in the URL or a header is what there is), VOS3000 trusts
 * IP lists (VOS3000 doc §1, "set access IP, separate by |"), and anything behind a proxy can do
 * HTTP basic. One of these per node, on top of Node-RED's own httpNodeAuth.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { timingSafeEqual, createHash } from 'node:crypto';

export type WebhookAuthConfig =
  | { kind: 'none' }
  | { kind: 'secret'; secret: string; header: string; queryParam: string }
  | { kind: 'basic'; user: string; password: string }
  | { kind: 'ip'; allow: string };

export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  /** The peer's address, as the socket (or Node-RED's `trust proxy`) reports it. */
  remoteAddress: string | undefined;
}

export type AuthResult =
  | { ok: true }
  | { ok: false; status: 401 | 403; reason: string; wwwAuthenticate?: string };

export type Authenticator = (req: AuthRequest) => AuthResult;

/** Compares secrets in constant time (over their hashes, so lengths do not leak either). */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function header(req: AuthRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is the IPv4 address a dual-stack socket reports. */
function normaliseAddress(addr: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  return m ? m[1] : addr;
}

/** Parses "10.0.0.0/8, 192.168.1.7 | ::1" (commas, spaces or VOS3000's `|`). */
export function parseAllowList(allow: string): BlockList {
  const list = new BlockList();
  for (const entry of allow.split(/[\s,|;]+/).filter(Boolean)) {
    const [addrPart, bitsPart] = entry.split('/');
    const addr = normaliseAddress(addrPart);
    const type = isIPv4(addr) ? 'ipv4' : isIPv6(addr) ? 'ipv6' : undefined;
    if (!type) throw new Error(`not an IP address or CIDR range: ${entry}`);
    if (bitsPart === undefined) {
      list.addAddress(addr, type);
    } else {
      const bits = Number(bitsPart);
      const max = type === 'ipv4' ? 32 : 128;
      if (!Number.isInteger(bits) || bits < 0 || bits > max) throw new Error(`bad prefix length in ${entry}`);
      list.addSubnet(addr, bits, type);
    }
  }
  return list;
}

export function createAuthenticator(config: WebhookAuthConfig): Authenticator {
  switch (config.kind) {
    case 'none':
      return () => ({ ok: true });
    case 'secret': {
      const headerName = config.header || 'x-webhook-secret';
      const queryParam = config.queryParam || 'secret';
      return (req) => {
        const given = header(req, headerName) ?? req.query[queryParam];
        if (given !== undefined && config.secret !== '' && sameSecret(given, config.secret)) return { ok: true };
        return { ok: false, status: 401, reason: given === undefined ? 'no secret' : 'wrong secret' };
      };
    }
    case 'basic': {
      const challenge = 'Basic realm="webhook", charset="UTF-8"';
      return (req) => {
        const auth = header(req, 'authorization');
        const m = auth ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth) : null;
        if (!m) return { ok: false, status: 401, reason: 'no credentials', wwwAuthenticate: challenge };
        const decoded = Buffer.from(m[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = colon < 0 ? decoded : decoded.slice(0, colon);
        const pass = colon < 0 ? '' : decoded.slice(colon + 1);
        // Evaluate both comparisons so timing does not tell which one failed.
        const userOk = sameSecret(user, config.user);
        const passOk = sameSecret(pass, config.password);
        if (userOk && passOk && config.password !== '') return { ok: true };
        return { ok: false, status: 401, reason: 'wrong credentials', wwwAuthenticate: challenge };
      };
    }
    case 'ip': {
      const list = parseAllowList(config.allow);
      return (req) => {
        const addr = req.remoteAddress ? normaliseAddress(req.remoteAddress) : '';
        const type = isIPv4(addr) ? 'ipv4' : isIPv6(addr) ? 'ipv6' : undefined;
        if (type && list.check(addr, type)) return { ok: true };
        return { ok: false, status: 403, reason: `address ${addr || 'unknown'} not allowed` };
      };
    }
  }
}
