/** Shared pieces of the header grammar: generic-param lists (RFC 3261 §25.1). */
import { Scanner } from '../grammar';
import { Params } from '../params';

/** Reads `*( SEMI generic-param )` up to the end or a top-level ',' (left unconsumed). */
export function readParams(sc: Scanner, into: Params = new Params()): Params {
  for (;;) {
    sc.skipWs();
    if (sc.peek() !== 0x3b) return into;
    sc.pos++;
    sc.skipWs();
    const name = sc.token('parameter name');
    if (sc.eat('=')) {
      const v = sc.genValue();
      into.set(name, v.value, v.quoted);
    } else into.set(name, null);
  }
}

/** Fails unless the scanner is at the end of the value (trailing LWS allowed). */
export function expectEnd(sc: Scanner, what: string): void {
  sc.skipWs();
  if (!sc.done) sc.fail(`junk after ${what}`);
}
