/**
 * Calls VOS3000 web-interface operations: validate against the table, POST the JSON to
 * `<base>/<Operation>` (§1: JSON in UTF-8 over POST; access is granted by source IP in
 * external.xml, so no credentials of its own), decode the answer.
 */
import type { HttpClient } from '../../http/client';
import type { VosOperation } from './types';
import { findOperation } from './index';
import { buildVosRequest, type VosRequestOptions } from './request';
import { decodeVosResponse } from './response';
import { VosValidationError } from './errors';

export interface VosCallOptions extends VosRequestOptions {
  /** Overrides the client's response timeout. */
  timeoutMs?: number;
}

/**
 * Operations that only read may be retried by the HTTP client on network errors and 5xx;
 * anything that changes state (Pay, CallBack, Create*) is never repeated behind the user's back.
 */
export function isReadOnly(op: VosOperation): boolean {
  return /^Get/.test(op.name);
}

export class VosClient {
  constructor(private readonly http: HttpClient) {}

  /** Resolves the operation by name, or throws a VosValidationError. */
  static operation(name: string): VosOperation {
    const op = findOperation(name);
    if (!op) throw new VosValidationError(name || '(none)', [{ path: '', message: `unknown VOS3000 operation "${name}"` }]);
    return op;
  }

  async call(operation: string | VosOperation, params: unknown, opts: VosCallOptions = {}): Promise<Record<string, unknown>> {
    const op = typeof operation === 'string' ? VosClient.operation(operation) : operation;
    const body = buildVosRequest(op, params, opts);
    const res = await this.http.request({
      method: 'POST',
      path: op.name,
      // §1 asks for "text/html;charset=UTF-8" although the body is JSON (AMBIGUITIES.md item 25).
      headers: { 'content-type': 'text/html;charset=UTF-8', accept: 'application/json, text/html, */*' },
      body: JSON.stringify(body),
      safe: isReadOnly(op),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
    return decodeVosResponse(op, res.text());
  }
}
