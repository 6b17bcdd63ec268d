/**
 * An ordered parameter list (URI parameters, header parameters). Names compare
 * case-insensitively (RFC 3261 §7.3.1) but keep their case and order for serialising. A value of
 * null is a flag parameter (`;lr`). Quoted values are stored unquoted with `quoted` set.
 */
import { quote } from './grammar';

export interface Param {
  name: string;
  value: string | null;
  quoted?: boolean;
}

export class Params {
  private readonly list: Param[];
  constructor(list: Param[] = []) {
    this.list = list;
  }
  static of(record: Record<string, string | null>): Params {
    return new Params(Object.entries(record).map(([name, value]) => ({ name, value })));
  }
  private find(name: string): number {
    const lower = name.toLowerCase();
    for (let i = 0; i < this.list.length; i++) {
      const p = this.list[i];
      if (p !== undefined && (p.name === name || p.name.toLowerCase() === lower)) return i;
    }
    return -1;
  }
  has(name: string): boolean {
    return this.find(name) >= 0;
  }
  /** The value, null for a flag, undefined when absent. */
  get(name: string): string | null | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : (this.list[i]?.value ?? null);
  }
  set(name: string, value: string | null, quoted = false): this {
    const i = this.find(name);
    const p: Param = quoted ? { name, value, quoted } : { name, value };
    if (i < 0) this.list.push(p);
    else this.list[i] = p;
    return this;
  }
  delete(name: string): this {
    const i = this.find(name);
    if (i >= 0) this.list.splice(i, 1);
    return this;
  }
  get size(): number {
    return this.list.length;
  }
  entries(): readonly Param[] {
    return this.list;
  }
  clone(): Params {
    return new Params(this.list.map((p) => ({ ...p })));
  }
  /** `;name=value;flag` (the leading semicolon included), or '' when empty. */
  toString(): string {
    let out = '';
    for (const p of this.list) {
      out += ';' + p.name;
      if (p.value !== null) out += '=' + (p.quoted ? quote(p.value) : p.value);
    }
    return out;
  }
}
