/**
 * XML-RPC through the `xmlrpc` package: its deserialiser is the reference for incoming calls
 * (and the fallback for documents the fast parser leaves alone); its serialiser writes every
 * response, so replies are what any XML-RPC client expects.
 */
import { Readable } from 'node:stream';
import Deserializer = require('xmlrpc/lib/deserializer');
import { serializeMethodResponse, serializeFault } from 'xmlrpc/lib/serializer';
import { parseMethodCallFast } from './xmlrpc-fast';
import type { XmlRpcCall, XmlRpcValue } from './xmlrpc-value';

export class XmlRpcParseError extends Error {
  override readonly name = 'XmlRpcParseError';
}

/** The reference parse, by the `xmlrpc` package (sax underneath). */
export function parseMethodCallReference(doc: string): Promise<XmlRpcCall> {
  return new Promise((resolve, reject) => {
    let settled = false;
    new Deserializer().deserializeMethodCall(Readable.from([Buffer.from(doc, 'utf8')]), (err, methodName, params) => {
      if (settled) return;
      settled = true;
      if (err || methodName === undefined) reject(new XmlRpcParseError(err ? err.message : 'no method name'));
      else resolve({ methodName, params: (params ?? []) as XmlRpcValue[] });
    });
  });
}

/** Fast path first, the reference for everything it declines. */
export function parseMethodCall(doc: string): XmlRpcCall | Promise<XmlRpcCall> {
  return parseMethodCallFast(doc) ?? parseMethodCallReference(doc);
}

export function methodResponse(value: unknown): string {
  return serializeMethodResponse(value);
}

export function methodFault(faultCode: number, faultString: string): string {
  return serializeFault({ faultCode, faultString });
}
