/**
 * The one result shape every provider operation returns (`msg.payload`), plus the errors a node
 * passes to the Catch node. `code` is the vendor's own code (0 / "0" mean success for
 * Voicenter) so a flow can switch on it; `message` is the vendor's text.
 */
export type ResultCode = number | string;

export interface ProviderResult<T = unknown> {
  ok: boolean;
  code: ResultCode;
  message: string;
  data: T;
}

export interface ProviderOutcome<T = unknown> {
  result: ProviderResult<T>;
  /** The decoded answer as the vendor sent it (or the text, or the bytes of a recording). */
  raw: unknown;
}

/** A provider said no (`ok: false`): the error a node hands to done() so Catch sees it. */
export class ProviderError extends Error {
  readonly code: ResultCode;
  readonly provider: string;
  readonly operation: string;
  readonly result: ProviderResult;
  constructor(provider: string, operation: string, result: ProviderResult) {
    super(`${provider} ${operation} failed: ${result.message || 'no message'} (code ${String(result.code)})`);
    this.name = 'ProviderError';
    this.code = result.code;
    this.provider = provider;
    this.operation = operation;
    this.result = result;
  }
}
