/**
 * The Replaces header (RFC 3891 §6.1) and its escaped form inside a Refer-To URI (RFC 3891 §7,
 * RFC 3515 §2.1): `Refer-To: <sip:carol@127.0.0.1?Replaces=abc%40h%3Bto-tag%3Dx%3Bfrom-tag%3Dy>`.
 *
 * Tags are named from the point of view of the user agent that RECEIVES the INVITE with
 * Replaces: to-tag is its local tag and from-tag its remote tag (RFC 3891 §3).
 */
export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
}

export function parseReplaces(value: string): Replaces | undefined {
  const parts = value.trim().split(';');
  const callId = parts.shift()?.trim() ?? '';
  if (!callId || callId.length > 256) return undefined;
  let toTag: string | undefined;
  let fromTag: string | undefined;
  let earlyOnly = false;
  for (const p of parts) {
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    const v = eq < 0 ? '' : p.slice(eq + 1).trim();
    if (name === 'to-tag') toTag = v;
    else if (name === 'from-tag') fromTag = v;
    else if (name === 'early-only') earlyOnly = true;
  }
  if (toTag === undefined || fromTag === undefined) return undefined;
  return { callId, toTag, fromTag, earlyOnly };
}

export function formatReplaces(r: Replaces): string {
  return `${r.callId};to-tag=${r.toTag};from-tag=${r.fromTag}${r.earlyOnly ? ';early-only' : ''}`;
}

/** URI-header escaping (RFC 3261 §25.1 hnv-unreserved): escape everything but unreserved. */
function escapeHeaderValue(s: string): string {
  return s.replace(/[^A-Za-z0-9\-_.!~*'()[\]/?:+$]/g, (c) =>
    Array.from(Buffer.from(c, 'utf8')).map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''));
}

/** `sip:carol@h` + Replaces -> `sip:carol@h?Replaces=...` for a Refer-To. */
export function uriWithReplaces(uri: string, r: Replaces): string {
  const base = uri.replace(/^<|>$/g, '');
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}Replaces=${escapeHeaderValue(formatReplaces(r))}`;
}

export interface ReferTarget {
  /** The URI to send the INVITE to, without its header part. */
  uri: string;
  /** Headers embedded in the URI (RFC 3261 §19.1.1), unescaped, names as written. */
  headers: Record<string, string>;
  replaces?: Replaces;
  displayName?: string;
}

/** Parses a Refer-To value: `"Name" <sip:u@h?Replaces=...>`, `<sip:u@h>` or a bare URI. */
export function parseReferTo(value: string): ReferTarget | undefined {
  let v = value.trim();
  let displayName: string | undefined;
  const lt = v.indexOf('<');
  if (lt >= 0) {
    const gt = v.indexOf('>', lt);
    if (gt < 0) return undefined;
    const name = v.slice(0, lt).trim().replace(/^"|"$/g, '');
    if (name) displayName = name;
    v = v.slice(lt + 1, gt);
  } else {
    // A bare URI ends at the first ';' (header parameters belong to Refer-To, not to the URI).
    const semi = v.indexOf(';');
    if (semi >= 0) v = v.slice(0, semi);
  }
  if (!/^(sips?|tel):/i.test(v)) return undefined;
  const q = v.indexOf('?');
  const uri = q < 0 ? v : v.slice(0, q);
  const headers: Record<string, string> = {};
  if (q >= 0) {
    for (const pair of v.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      try {
        headers[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
      } catch {
        return undefined;
      }
    }
  }
  const out: ReferTarget = { uri, headers };
  const rep = Object.entries(headers).find(([k]) => k.toLowerCase() === 'replaces');
  if (rep) {
    const r = parseReplaces(rep[1]);
    if (!r) return undefined;
    out.replaces = r;
  }
  if (displayName) out.displayName = displayName;
  return out;
}
