/**
 * application/simple-message-summary (RFC 3842 §5.2): the message-waiting indication.
 *
 *   Messages-Waiting: yes
 *   Message-Account: sip:alice@127.0.0.1
 *   Voice-Message: 2/8 (0/2)
 *
 * newMessages/oldMessages are the voice-message counts (Zoiper's NewMessages/OldMessages); when
 * the body has no Voice-Message line we add up every message-context class it does have.
 */
export const MESSAGE_SUMMARY = 'application/simple-message-summary';

export interface MessageSummary {
  waiting: boolean;
  account?: string;
  newMessages: number;
  oldMessages: number;
  urgentNew: number;
  urgentOld: number;
  /** Counts per message-context class (RFC 3458): voice-message, fax-message, ... */
  classes: Record<string, { newMessages: number; oldMessages: number; urgentNew: number; urgentOld: number }>;
}

const MAX_BODY = 16 * 1024;

export function parseMessageSummary(body: string): MessageSummary | undefined {
  if (body.length > MAX_BODY) return undefined;
  let waiting: boolean | undefined;
  let account: string | undefined;
  const classes: MessageSummary['classes'] = {};
  for (const raw of body.split(/\r?\n/)) {
    const colon = raw.indexOf(':');
    if (colon < 0) continue;
    const name = raw.slice(0, colon).trim().toLowerCase();
    const value = raw.slice(colon + 1).trim();
    if (name === 'messages-waiting') {
      waiting = value.toLowerCase() === 'yes';
    } else if (name === 'message-account') {
      account = value;
    } else {
      // msg-summary-line = message-context-class HCOLON newmsgs SLASH oldmsgs [ LPAREN new-urgentmsgs SLASH old-urgentmsgs RPAREN ]
      const m = /^(\d+)\s*\/\s*(\d+)(?:\s*\(\s*(\d+)\s*\/\s*(\d+)\s*\))?/.exec(value);
      if (m) {
        classes[name] = {
          newMessages: Number(m[1]),
          oldMessages: Number(m[2]),
          urgentNew: m[3] ? Number(m[3]) : 0,
          urgentOld: m[4] ? Number(m[4]) : 0,
        };
      }
    }
  }
  if (waiting === undefined) return undefined; // Messages-Waiting is mandatory (RFC 3842 §5.2)
  const voice = classes['voice-message'];
  const pick = voice ? [voice] : Object.values(classes);
  const sum = (k: 'newMessages' | 'oldMessages' | 'urgentNew' | 'urgentOld') => pick.reduce((a, c) => a + c[k], 0);
  const out: MessageSummary = {
    waiting,
    newMessages: sum('newMessages'),
    oldMessages: sum('oldMessages'),
    urgentNew: sum('urgentNew'),
    urgentOld: sum('urgentOld'),
    classes,
  };
  if (account !== undefined) out.account = account;
  return out;
}

export function formatMessageSummary(s: { newMessages: number; oldMessages: number; account?: string; urgentNew?: number; urgentOld?: number }): string {
  const lines = [`Messages-Waiting: ${s.newMessages > 0 ? 'yes' : 'no'}`];
  if (s.account) lines.push(`Message-Account: ${s.account}`);
  let v = `Voice-Message: ${s.newMessages}/${s.oldMessages}`;
  if (s.urgentNew || s.urgentOld) v += ` (${s.urgentNew ?? 0}/${s.urgentOld ?? 0})`;
  lines.push(v);
  return lines.join('\r\n') + '\r\n';
}
