import type { IvrRequest } from './ivr-request';

/**
 * The reply path a message carries (`msg.res`, which Node-RED keeps by reference when it clones
 * a message, as it does for `http in`): the flow answers through `msg.res.send(answer)`, usually
 * by the `ivr-reply` node.
 */
export class IvrReplyHandle {
  constructor(
    readonly kind: IvrRequest['kind'],
    readonly callId: string,
    private readonly sendFn: (answer: unknown, data?: unknown) => void,
    private readonly isAnswered: () => boolean,
  ) {}
  get answered(): boolean {
    return this.isAnswered();
  }
  /** Checks and sends; throws IvrAnswerError (nothing sent) if the answer is not valid. */
  send(answer: unknown, data?: unknown): void {
    this.sendFn(answer, data);
  }
}

