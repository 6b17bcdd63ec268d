/**
 * Answers in the caller's own format: an XML-RPC methodCall gets a methodResponse (serialised by
 * the `xmlrpc` package), everything else JSON. Constant answers (the CDR acknowledgement) are
 * serialised once and reused, since they go out thousands of times a second under load.
 */
import { methodResponse } from '../xmlrpc-codec';
import type { WireFormat } from './body';

export interface EncodedReply {
  status: number;
  contentType: string;
  body: Buffer;
}

const cache = new Map<string, Buffer>();
const CACHE_MAX = 256;

function cached(key: string, make: () => string): Buffer {
  let b = cache.get(key);
  if (!b) {
    b = Buffer.from(make(), 'utf8');
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, b);
  }
  return b;
}

export function encodeReply(format: WireFormat, value: unknown, status = 200): EncodedReply {
  if (format === 'xmlrpc') {
    const key = 'x' + JSON.stringify(value);
    return { status, contentType: 'text/xml; charset=utf-8', body: cached(key, () => methodResponse(value)) };
  }
  const json = JSON.stringify(value ?? null);
  return { status, contentType: 'application/json; charset=utf-8', body: cached('j' + json, () => json) };
}
