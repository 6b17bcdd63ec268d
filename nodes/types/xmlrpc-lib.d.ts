// The xmlrpc package's deserialiser and serialiser modules, which @types/xmlrpc does not describe.
declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';
  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodCall(
      stream: Readable,
      callback: (error: Error | null | undefined, methodName?: string, params?: unknown[]) => void,
    ): void;
    deserializeMethodResponse(stream: Readable, callback: (error: Error | null | undefined, value?: unknown) => void): void;
  }
  export = Deserializer;
}
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodResponse(value: unknown): string;
  export function serializeMethodCall(method: string, params?: unknown[], encoding?: string): string;
  export function serializeFault(fault: unknown): string;
}
