/** Errors of the VOS3000 operations, each saying which operation and what went wrong. */

/** One problem found in a request's parameters, with the path of the offending value. */
export interface VosProblem {
  /** e.g. `infoPhoneAdditional.rtpRelay` or `infoGiftTimes[1].prefix`; '' for the whole request. */
  readonly path: string;
  readonly message: string;
}

/** The parameters do not match the table: nothing was sent. */
export class VosValidationError extends Error {
  readonly operation: string;
  readonly problems: readonly VosProblem[];
  constructor(operation: string, problems: readonly VosProblem[]) {
    super(`${operation}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
    this.name = 'VosValidationError';
    this.operation = operation;
    this.problems = problems;
  }
}

/**
 * VOS3000 answered with a non-zero retCode (§1: "use 0 for success, non 0 for failed",
 * e.g. {"retCode":-10007,"exception":"Not found, operation failed."}).
 */
export class VosRetCodeError extends Error {
  readonly operation: string;
  readonly retCode: number;
  readonly exception: string;
  /** The whole decoded answer, for flows that want more than the code. */
  readonly response: Readonly<Record<string, unknown>>;
  constructor(operation: string, retCode: number, exception: string, response: Readonly<Record<string, unknown>>) {
    super(`${operation}: VOS3000 retCode ${retCode}${exception ? `: ${exception}` : ''}`);
    this.name = 'VosRetCodeError';
    this.operation = operation;
    this.retCode = retCode;
    this.exception = exception;
    this.response = response;
  }
}

/** The answer is not the documented JSON object with a retCode. */
export class VosProtocolError extends Error {
  readonly operation: string;
  readonly body: string;
  constructor(operation: string, message: string, body: string) {
    super(`${operation}: ${message}`);
    this.name = 'VosProtocolError';
    this.operation = operation;
    this.body = body;
  }
}
