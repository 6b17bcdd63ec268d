// The xmlrpc package's response parser is not in its public typings; it is the piece we reuse.
declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';
  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(stream: Readable, callback: (error: Error | null | undefined, result?: unknown) => void): void;
    deserializeMethodCall(stream: Readable, callback: (error: Error | null | undefined, method?: string, params?: unknown[]) => void): void;
  }
  export = Deserializer;
}
