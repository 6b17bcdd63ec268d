/**
 * Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length (RFC 3261 §18.3) and picks
 * out the CRLF keepalives of RFC 5626 §3.5.1 (a double CRLF ping, a single CRLF pong). The
 * buffer never holds more than `maxSize` bytes: a message that would be larger, or a head with
 * a broken Content-Length, ends the stream ('error'), since framing cannot recover.
 */
export type FrameEvent =
  | { type: 'message'; data: Buffer }
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'error'; reason: string };

const CRLFCRLF = Buffer.from('\r\n\r\n');
const CL_RE = /\r\n(?:content-length|l)[ \t]*:[ \t]*([^\r]*?)[ \t]*\r\n/gi;

export class StreamFramer {
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly maxSize: number) {}

  /** Bytes held waiting for the rest of a message. */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: FrameEvent[] = [];
    for (;;) {
      const b = this.buf;
      if (b.length === 0) break;
      if (b[0] === 13) {
        if (b.length < 2) break;
        if (b[1] !== 10) return this.fail(out, 'bare CR between messages');
        if (b.length >= 4 && b[2] === 13 && b[3] === 10) {
          out.push({ type: 'ping' });
          this.buf = b.subarray(4);
          continue;
        }
        if (b.length === 3 && b[2] === 13) break; // maybe a ping still arriving
        out.push({ type: 'pong' });
        this.buf = b.subarray(2);
        continue;
      }
      const headEnd = b.indexOf(CRLFCRLF);
      if (headEnd < 0) {
        if (b.length > this.maxSize) return this.fail(out, `no end of headers within ${this.maxSize} bytes`);
        break;
      }
      const head = b.toString('latin1', 0, headEnd + 2);
      CL_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      let length = -1;
      while ((m = CL_RE.exec(head)) !== null) {
        CL_RE.lastIndex -= 2; // let the next header's CRLF match again
        if (length >= 0) return this.fail(out, 'more than one Content-Length');
        const v = m[1] ?? '';
        if (!/^\d{1,10}$/.test(v)) return this.fail(out, `bad Content-Length "${v.slice(0, 20)}"`);
        length = Number(v);
      }
      if (length < 0) length = 0; // §18.3 makes it mandatory on streams; read it as no body
      const total = headEnd + 4 + length;
      if (total > this.maxSize) return this.fail(out, `message of ${total} bytes exceeds ${this.maxSize}`);
      if (b.length < total) break;
      out.push({ type: 'message', data: b.subarray(0, total) });
      this.buf = b.subarray(total);
    }
    // Copy a small remainder so the big chunk it came from can be freed.
    if (this.buf.length > 0 && this.buf.buffer.byteLength > 4 * this.buf.length + 4096) this.buf = Buffer.from(this.buf);
    return out;
  }

  private fail(out: FrameEvent[], reason: string): FrameEvent[] {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    out.push({ type: 'error', reason });
    return out;
  }
}
