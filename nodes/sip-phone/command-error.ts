/**
 * An error a flow made: a bad command, a call that does not exist, a state in which the command
 * makes no sense. `key` names the message in the catalog (`sip-phone.errors.<key>`), `params`
 * fills it; `message` is the English fallback so the error still reads well outside Node-RED.
 */
export type ErrorParams = Record<string, string | number>;

export class CommandError extends Error {
  constructor(
    readonly key: string,
    readonly params: ErrorParams,
    fallback: string,
  ) {
    super(fallback);
    this.name = 'CommandError';
  }
}
