/**
 * The transaction tables and the matching rules of RFC 3261 §17.1.3 (responses to client
 * transactions) and §17.2.3 (requests to server transactions, with the RFC 2543 fallback for
 * branches without the magic cookie), CANCEL matching (§9.2) and merged-request detection
 * (§8.2.2.2). It owns no sockets: the stack gives each transaction a TransactionTransport.
 */
import { SipRequest, SipResponse } from '../message';
import { BRANCH_COOKIE, Via } from '../headers/via';
import { formatHost } from '../uri';
import { TransactionContext, TransactionTransport } from './base';
import { InviteClientTransaction } from './invite-client';
import { InviteServerTransaction } from './invite-server';
import { NonInviteClientTransaction } from './non-invite-client';
import { NonInviteServerTransaction } from './non-invite-server';

export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;
export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

function sentBy(v: Via): string {
  return `${formatHost(v.host).toLowerCase()}:${v.port ?? ''}`;
}

/** Client key: top Via branch + CSeq method (§17.1.3). */
export function clientKey(branch: string, method: string): string {
  return `${branch}|${method}`;
}

/**
 * Server key (§17.2.3): branch + sent-by + method, ACK folded onto INVITE. For a branch without
 * the RFC 3261 cookie, the RFC 2543 rule: Request-URI, From tag, Call-ID, CSeq number, top Via,
 * (To tag for non-ACK requests).
 */
export function serverKey(req: SipRequest, methodOverride?: string): string {
  const top = req.topVia;
  const branch = top.params.get('branch') ?? '';
  const method = methodOverride ?? (req.method === 'ACK' ? 'INVITE' : req.method);
  if (branch.startsWith(BRANCH_COOKIE)) return `${branch}|${sentBy(top)}|${method}`;
  return `2543|${req.uriText}|${req.fromTag ?? ''}|${req.callId}|${req.cseq.seq}|${sentBy(top)}|${branch}|${method}`;
}

function mergeKey(req: SipRequest): string {
  return `${req.fromTag ?? ''}|${req.callId}|${req.cseq.seq}|${req.method}`;
}

export class TransactionLayer {
  readonly clients = new Map<string, ClientTransaction>();
  readonly servers = new Map<string, ServerTransaction>();
  private readonly merged = new Map<string, string>();

  constructor(readonly ctx: TransactionContext) {}

  /** Creates and starts a client transaction for a request whose top Via has its branch. */
  createClient(req: SipRequest, transport: TransactionTransport): ClientTransaction {
    const branch = req.branch ?? '';
    const id = clientKey(branch, req.method);
    const tx =
      req.method === 'INVITE'
        ? new InviteClientTransaction(id, req, transport, this.ctx)
        : new NonInviteClientTransaction(id, req, transport, this.ctx);
    this.clients.set(id, tx);
    tx.once('terminated', () => {
      if (this.clients.get(id) === tx) this.clients.delete(id);
    });
    tx.start();
    return tx;
  }

  matchResponse(res: SipResponse): ClientTransaction | undefined {
    const branch = res.branch;
    if (branch === undefined) return undefined;
    return this.clients.get(clientKey(branch, res.cseq.method));
  }

  /** The server transaction a request (a retransmission or an ACK) belongs to. */
  matchRequest(req: SipRequest): ServerTransaction | undefined {
    return this.servers.get(serverKey(req));
  }

  /** The INVITE server transaction a CANCEL refers to (§9.2). */
  matchCancel(cancel: SipRequest): InviteServerTransaction | undefined {
    const tx = this.servers.get(serverKey(cancel, 'INVITE'));
    return tx instanceof InviteServerTransaction ? tx : undefined;
  }

  /**
   * A request with no To tag that matches an ongoing server transaction's From tag, Call-ID and
   * CSeq but not its branch arrived by another path: it gets 482 (§8.2.2.2).
   */
  isMerged(req: SipRequest): boolean {
    if (req.toTag !== undefined || req.method === 'ACK') return false;
    const other = this.merged.get(mergeKey(req));
    return other !== undefined && other !== serverKey(req) && this.servers.has(other);
  }

  createServer(req: SipRequest, transport: TransactionTransport): ServerTransaction {
    const id = serverKey(req);
    const tx =
      req.method === 'INVITE'
        ? new InviteServerTransaction(id, req, transport, this.ctx)
        : new NonInviteServerTransaction(id, req, transport, this.ctx);
    this.servers.set(id, tx);
    const mk = req.toTag === undefined ? mergeKey(req) : undefined;
    if (mk !== undefined) this.merged.set(mk, id);
    tx.once('terminated', () => {
      if (this.servers.get(id) === tx) this.servers.delete(id);
      if (mk !== undefined && this.merged.get(mk) === id) this.merged.delete(mk);
    });
    return tx;
  }

  /**
   * An INVITE server transaction in Accepted state waiting for the ACK of its 2xx: matched by
   * dialog (Call-ID, From tag, To tag) and CSeq number, since that ACK has a new branch.
   */
  matchAckFor2xx(ack: SipRequest): InviteServerTransaction | undefined {
    for (const tx of this.servers.values()) {
      if (!(tx instanceof InviteServerTransaction) || tx.state !== 'Accepted' || !tx.waitingForAck) continue;
      const r = tx.request;
      const res = tx.lastResponse;
      if (r.callId === ack.callId && r.fromTag === ack.fromTag && r.cseq.seq === ack.cseq.seq && res?.toTag === ack.toTag) {
        return tx;
      }
    }
    return undefined;
  }

  /** Terminates every transaction (on close). */
  clear(): void {
    for (const tx of [...this.clients.values(), ...this.servers.values()]) tx.terminate();
    this.clients.clear();
    this.servers.clear();
    this.merged.clear();
  }
}
