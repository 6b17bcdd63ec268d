/**
 * A SIP dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE (or SUBSCRIBE/REFER)
 * creates, with its id, sequence numbers, route set and remote target.
 *
 * Kept free of the message model on purpose: the user agent extracts the few values a dialog
 * needs (tags, CSeq, Contact, Record-Route) and the dialog answers with the values a request
 * within it must carry. That keeps the rules of §12 testable on their own.
 */
export type DialogState = 'early' | 'confirmed' | 'terminated';

export interface DialogId {
  callId: string;
  localTag: string;
  remoteTag: string;
}

/** What a request inside the dialog must carry (RFC 3261 §12.2.1.1). */
export interface DialogRequestTarget {
  requestUri: string;
  /** Route header values, in order (each a name-addr). */
  route: string[];
  /** From (local URI + local tag) and To (remote URI + remote tag) as name-addr strings. */
  from: string;
  to: string;
  callId: string;
  cseq: number;
}

export interface DialogInit {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** name-addr without tag, as sent/received in From/To. */
  localUri: string;
  remoteUri: string;
  remoteTarget: string;
  /** Record-Route values in the order they appeared in the message. */
  recordRoute: string[];
  localSeq?: number;
  remoteSeq?: number;
  secure?: boolean;
}

/** Pulls the URI out of a name-addr or addr-spec (`"A" <sip:a@h;lr>;x=y` -> `sip:a@h;lr`). */
export function uriOf(nameAddr: string): string {
  const lt = nameAddr.indexOf('<');
  if (lt >= 0) {
    const gt = nameAddr.indexOf('>', lt);
    return nameAddr.slice(lt + 1, gt < 0 ? undefined : gt).trim();
  }
  const semi = nameAddr.indexOf(';');
  return (semi < 0 ? nameAddr : nameAddr.slice(0, semi)).trim();
}

/** True for a loose router (RFC 3261 §16.12.1.1: `lr` parameter on the route URI). */
function isLooseRoute(route: string): boolean {
  const uri = uriOf(route);
  const q = uri.indexOf('?');
  const params = (q < 0 ? uri : uri.slice(0, q)).split(';').slice(1);
  return params.some((p) => p.trim().toLowerCase().split('=')[0] === 'lr');
}

/** Strips URI parameters and headers not allowed in a Request-URI (RFC 3261 §19.1.1 table). */
function requestUriOf(uri: string): string {
  const q = uri.indexOf('?');
  const u = q < 0 ? uri : uri.slice(0, q);
  return u
    .split(';')
    .filter((p, i) => i === 0 || !/^(method|ttl|maddr|lr)(=|$)/i.test(p.trim()))
    .join(';');
}

function withTag(nameAddr: string, tag: string): string {
  const addr = nameAddr.includes('<') ? nameAddr : `<${nameAddr}>`;
  return tag ? `${addr};tag=${tag}` : addr;
}

export class Dialog {
  readonly callId: string;
  readonly localTag: string;
  remoteTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  remoteTarget: string;
  routeSet: string[];
  /** Our last CSeq; the next request uses localSeq + 1 (RFC 3261 §12.2.1.1). */
  localSeq: number;
  /** Peer's last CSeq, undefined until the first request from the peer (§12.1.2). */
  remoteSeq: number | undefined;
  readonly secure: boolean;
  state: DialogState;

  private constructor(init: DialogInit, routeSet: string[], state: DialogState) {
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = routeSet;
    this.localSeq = init.localSeq ?? 0;
    this.remoteSeq = init.remoteSeq;
    this.secure = init.secure ?? false;
    this.state = state;
  }

  /**
   * UAC side (§12.1.2): built from a 1xx-with-tag or 2xx to our request. The route set is the
   * response's Record-Route in reverse order; localSeq is the request's CSeq.
   */
  static asUac(init: DialogInit, confirmed: boolean): Dialog {
    return new Dialog(init, [...init.recordRoute].reverse(), confirmed ? 'confirmed' : 'early');
  }

  /** UAS side (§12.1.1): Record-Route in order; remoteSeq is the request's CSeq. */
  static asUas(init: DialogInit, confirmed: boolean): Dialog {
    return new Dialog(init, [...init.recordRoute], confirmed ? 'confirmed' : 'early');
  }

  get id(): DialogId {
    return { callId: this.callId, localTag: this.localTag, remoteTag: this.remoteTag };
  }

  /** Key for dialog lookup: Call-ID + local tag + remote tag (§12). */
  get key(): string {
    return Dialog.key(this.callId, this.localTag, this.remoteTag);
  }

  static key(callId: string, localTag: string, remoteTag: string): string {
    return `${callId}\u0000${localTag}\u0000${remoteTag}`;
  }

  /**
   * A 2xx confirms an early dialog (§13.2.2.4). The route set of a UAC dialog is recomputed from
   * the 2xx (§12.2.1.2: "...the route set MUST NOT be updated, except ... 2xx to INVITE that
   * confirms an early dialog" as clarified by RFC 3261 errata / RFC 5407 practice).
   */
  confirm(update?: { remoteTarget?: string; recordRoute?: string[]; asUac?: boolean }): void {
    if (this.state === 'terminated') return;
    this.state = 'confirmed';
    if (update?.remoteTarget) this.remoteTarget = update.remoteTarget;
    if (update?.recordRoute && update.recordRoute.length > 0) {
      this.routeSet = update.asUac === false ? [...update.recordRoute] : [...update.recordRoute].reverse();
    }
  }

  /** Target refresh (§12.2.1.2 / §12.2.2): a re-INVITE/UPDATE (or its 2xx) with a new Contact. */
  refreshTarget(contact: string | undefined): void {
    if (contact) this.remoteTarget = uriOf(contact);
  }

  /** Builds the addressing of a new request in this dialog and takes the next CSeq (§12.2.1.1). */
  nextRequest(): DialogRequestTarget {
    this.localSeq += 1;
    return this.target(this.localSeq);
  }

  /** The same addressing with a given CSeq (ACK and CANCEL reuse the INVITE's CSeq). */
  target(cseq: number): DialogRequestTarget {
    let requestUri: string;
    let route: string[];
    if (this.routeSet.length === 0) {
      requestUri = requestUriOf(this.remoteTarget);
      route = [];
    } else if (isLooseRoute(this.routeSet[0])) {
      requestUri = requestUriOf(this.remoteTarget);
      route = [...this.routeSet];
    } else {
      // Strict router (RFC 2543 style): first route becomes the Request-URI, the remote target
      // goes last in Route (§12.2.1.1).
      requestUri = requestUriOf(uriOf(this.routeSet[0]));
      route = [...this.routeSet.slice(1), `<${this.remoteTarget}>`];
    }
    return {
      requestUri,
      route,
      from: withTag(this.localUri, this.localTag),
      to: withTag(this.remoteUri, this.remoteTag),
      callId: this.callId,
      cseq,
    };
  }

  /**
   * Checks a request's CSeq from the peer (§12.2.2): lower than the last one is out of order and
   * gets a 500. ACK and CANCEL carry the INVITE's number and are not checked.
   */
  acceptRemoteCseq(cseq: number, method: string): boolean {
    if (method === 'ACK' || method === 'CANCEL') return true;
    if (this.remoteSeq !== undefined && cseq < this.remoteSeq) return false;
    if (this.remoteSeq !== undefined && cseq === this.remoteSeq) return true; // retransmission path
    this.remoteSeq = cseq;
    return true;
  }

  terminate(): void {
    this.state = 'terminated';
  }
}
