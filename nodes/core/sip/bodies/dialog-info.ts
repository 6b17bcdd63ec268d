/**
 * application/dialog-info+xml (RFC 4235), the body of dialog-event NOTIFYs used for BLF (busy
 * lamp field). We read only what a lamp needs: each <dialog>'s id, direction and <state>, and
 * reduce the document to one state for the watched entity.
 *
 * No XML library is allowed in production, so this is a small scanner for the documents RFC 4235
 * §4 describes; it tolerates namespace prefixes, attribute order, single or double quotes and
 * CDATA-free text, and ignores everything else.
 */
export const DIALOG_INFO = 'application/dialog-info+xml';

export type DialogStateName = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';
/** The lamp: idle (no dialog or all terminated), ringing (early), busy (confirmed). */
export type BlfState = 'idle' | 'ringing' | 'busy' | 'unknown';

export interface DialogInfoEntry {
  id: string;
  callId?: string;
  localTag?: string;
  remoteTag?: string;
  direction?: 'initiator' | 'recipient';
  state: DialogStateName | string;
  event?: string;
}

export interface DialogInfo {
  entity: string;
  version: number;
  full: boolean;
  dialogs: DialogInfoEntry[];
}

const MAX_BODY = 64 * 1024;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const name = m[1].includes(':') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    out[name] = decodeEntities(m[3] ?? m[4] ?? '');
  }
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}

function encodeEntities(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export function parseDialogInfo(body: string): DialogInfo | undefined {
  if (body.length > MAX_BODY) return undefined;
  const root = /<(?:[\w-]+:)?dialog-info\b([^>]*)>/.exec(body);
  if (!root) return undefined;
  const ra = attrs(root[1]);
  const dialogs: DialogInfoEntry[] = [];
  const re = /<(?:[\w-]+:)?dialog(?=[\s/>])([^>]*?)(\/>|>([\s\S]*?)<\/(?:[\w-]+:)?dialog\s*>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    const a = attrs(m[1]);
    const inner = m[3] ?? '';
    const st = /<(?:[\w-]+:)?state\b([^>]*)>([^<]*)<\/(?:[\w-]+:)?state\s*>/.exec(inner);
    const entry: DialogInfoEntry = { id: a.id ?? '', state: st ? st[2].trim().toLowerCase() : 'unknown' };
    if (a['call-id']) entry.callId = a['call-id'];
    if (a['local-tag']) entry.localTag = a['local-tag'];
    if (a['remote-tag']) entry.remoteTag = a['remote-tag'];
    if (a.direction === 'initiator' || a.direction === 'recipient') entry.direction = a.direction;
    if (st) {
      const ev = attrs(st[1]).event;
      if (ev) entry.event = ev;
    }
    dialogs.push(entry);
  }
  const version = Number(ra.version);
  return {
    entity: ra.entity ?? '',
    version: Number.isFinite(version) ? version : 0,
    full: (ra.state ?? 'full') !== 'partial',
    dialogs,
  };
}

/** One lamp state for the whole document: busy beats ringing beats idle. */
export function blfStateOf(info: DialogInfo): BlfState {
  let out: BlfState = 'idle';
  for (const d of info.dialogs) {
    if (d.state === 'confirmed') return 'busy';
    if (d.state === 'early' || d.state === 'proceeding' || d.state === 'trying') out = 'ringing';
    else if (d.state !== 'terminated' && out === 'idle') out = 'unknown';
  }
  return out;
}

/** Builds a document (for tests, and for a future dialog-event notifier). */
export function formatDialogInfo(info: DialogInfo): string {
  const parts = [
    '<?xml version="1.0"?>',
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${info.version}" state="${info.full ? 'full' : 'partial'}" entity="${encodeEntities(info.entity)}">`,
  ];
  for (const d of info.dialogs) {
    let a = `id="${encodeEntities(d.id)}"`;
    if (d.callId) a += ` call-id="${encodeEntities(d.callId)}"`;
    if (d.localTag) a += ` local-tag="${encodeEntities(d.localTag)}"`;
    if (d.remoteTag) a += ` remote-tag="${encodeEntities(d.remoteTag)}"`;
    if (d.direction) a += ` direction="${d.direction}"`;
    parts.push(`<dialog ${a}><state${d.event ? ` event="${encodeEntities(d.event)}"` : ''}>${encodeEntities(d.state)}</state></dialog>`);
  }
  parts.push('</dialog-info>');
  return parts.join('\n') + '\n';
}
