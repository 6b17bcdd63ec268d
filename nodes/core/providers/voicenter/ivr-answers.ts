/**
 * Answers to Voicenter's IVR requests, checked before they go out: External IVR actions
 * (Voicenter API rev 3.2 §5.1 "Action options"), External Layer IVR actions (§12), and the
 * pop-up screen CRM lookup (§2 step 3). Fields are emitted in the tables' order with the tables'
 * types: numeric strings are coerced to integers where the table says Integer (AMBIGUITIES 5),
 * DIGITS must be a string (leading zeros), unknown fields are refused.
 *
 * Where the document marks as mandatory a field with an obvious default (AMBIGUITIES 4), the
 * default is filled in rather than the answer refused: MENU/SAYDIGITS LOOP 1, DELAY 1,
 * VALIDATION 0; CALL CALLERNAME "", CALL_MAX_DIAL 60, CALL_MAX 7200, REC_STATUS 0 (the Click2Call
 * defaults of §1). LANGUAGE is emitted lower-case as the table lists it (`he`, `en`).
 */

export type FieldType = 'string' | 'int' | 'strings' | 'object' | 'targets';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  default?: string | number | Record<string, never>;
  /** Other spellings accepted on input (the document's own variants). */
  aliases?: string[];
}

const s = (name: string, required = false, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'string', required, ...extra });
const i = (name: string, required = false, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'int', required, ...extra });

const MENU_FIELDS: FieldSpec[] = [
  s('REC', true),
  i('LOOP', true, { default: 1 }),
  i('DELAY', true, { default: 1 }),
  i('SIZE', true),
  s('MENU', true),
  i('VALIDATION', true, { default: 0 }),
];

export const IVR_ACTIONS = {
  MENU: MENU_FIELDS,
  CALL: [
    s('TARGET', true),
    s('CALLERID', true),
    s('CALLERNAME', true, { default: '' }),
    s('CALLER_REC'),
    s('MOH_CLASS'),
    s('TARGET_REC'),
    i('CALL_MAX_DIAL', true, { default: 60 }),
    i('CALL_MAX', true, { default: 7200 }),
    s('NEXT_MENU'),
    s('NEXT_MENU_RECORD'),
    i('NEXT_MENU_LOOP'),
    i('NEXT_MENU_SIZE'),
    i('NEXT_MENU_WAIT'),
    i('REC_STATUS', true, { default: 0 }),
    s('DTMF_PLAY'),
    { name: 'DIALSTRINGS', type: 'strings', required: false },
  ],
  HANGUP: [s('HANGUP_REC'), i('HANGUP_CAUSE')],
  SAYDIGITS: [...MENU_FIELDS, s('SAYDIGITSRECORD', true), s('DIGITS', true)],
  VO: [i('LAYER', true), s('RECORD', true), i('LOOP', true, { default: 1 }), i('DELAY', true, { default: 1 })],
  SILENTRECORD: [s('REC'), i('MAXDURATION')],
} as const satisfies Record<string, FieldSpec[]>;
export type IvrAction = keyof typeof IVR_ACTIONS;

/** §12 responses are flat objects (no DATA), CUSTOM_DATA always present (empty if none). */
export const LAYER_ACTIONS = {
  GO_TO_LAYER: [
    i('LAYER', true, { aliases: ['LAYER '] }),
    s('CALLER_NAME'),
    { name: 'CUSTOM_DATA', type: 'object', required: true, default: {} },
  ],
  DIAL: [
    i('MAX_CALL_DURATION'),
    i('MAX_DIAL_DURATION'),
    s('RECORDING'),
    { name: 'TARGETS', type: 'targets', required: true },
    s('CALLER_ID'),
    s('CALLER_NAME'),
    i('NEXT_VO_ID'),
    i('ANSWER_NEXT_VO_ID'),
    i('UNAVAILABLE_VO_ID', false, { aliases: ['UNAVAILABLE_VO'] }),
    { name: 'CUSTOM_DATA', type: 'object', required: true, default: {} },
  ],
} as const satisfies Record<string, FieldSpec[]>;
export type LayerAction = keyof typeof LAYER_ACTIONS;

export const POPUP_FIELDS: FieldSpec[] = [s('STATUS', true, { default: 'OK' }), s('URL'), s('CLIENTNAME'), s('TOTAL'), s('COMPANY')];

export class IvrAnswerError extends Error {
  override readonly name = 'IvrAnswerError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks and orders `input` against `specs`; collects every problem rather than the first. */
export function shapeFields(specs: readonly FieldSpec[], input: Record<string, unknown>, where: string, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const spec of specs) {
    known.add(spec.name);
    let v: unknown = input[spec.name];
    for (const a of spec.aliases ?? []) {
      known.add(a);
      if (v === undefined) v = input[a];
    }
    if (v === undefined || v === null) {
      if (spec.default !== undefined) v = spec.default;
      else if (spec.required) {
        problems.push(`${where}${spec.name} is mandatory`);
        continue;
      } else continue;
    }
    const c = coerce(spec, v);
    if (c === undefined) problems.push(`${where}${spec.name} must be ${describe(spec.type)}${spec.name === 'DIGITS' ? ' (a string keeps leading zeros)' : ''}, got ${JSON.stringify(v)}`);
    else out[spec.name] = c;
  }
  for (const k of Object.keys(input)) if (!known.has(k)) problems.push(`${where}${k} is not a field of this answer`);
  return out;
}

function describe(t: FieldType): string {
  return t === 'int' ? 'an integer' : t === 'string' ? 'a string' : t === 'strings' ? 'an array of strings' : t === 'targets' ? 'an array of {TARGET, TYPE}' : 'an object';
}

function coerce(spec: FieldSpec, v: unknown): unknown {
  switch (spec.type) {
    case 'int':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
      return undefined;
    case 'string':
      // Numbers are not silently turned into strings: for DIGITS that would lose leading zeros,
      // and elsewhere it hides a flow that computes the wrong thing.
      return typeof v === 'string' ? v : undefined;
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
    case 'object':
      return isObj(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number') ? v : undefined;
    case 'targets': {
      const list = isObj(v) ? [v] : v;
      if (!Array.isArray(list) || list.length === 0) return undefined;
      const out: Array<{ TARGET: string; TYPE: string }> = [];
      for (const t of list) {
        if (!isObj(t) || typeof t.TARGET !== 'string') return undefined;
        out.push({ TARGET: t.TARGET, TYPE: typeof t.TYPE === 'string' ? t.TYPE : 'PHONE' });
      }
      return out;
    }
  }
}

export type Language = 'he' | 'en';

export interface VoicenterIvrAnswer {
  STATUS: number;
  ACTION: IvrAction;
  LANGUAGE: Language;
  DATA: Record<string, unknown>;
}

export function isIvrAction(a: string): a is IvrAction {
  return Object.prototype.hasOwnProperty.call(IVR_ACTIONS, a);
}
export function isLayerAction(a: string): a is LayerAction {
  return Object.prototype.hasOwnProperty.call(LAYER_ACTIONS, a);
}

function language(v: unknown, problems: string[]): Language {
  if (v === undefined || v === null || v === '') return 'he';
  const l = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (l === 'he' || l === 'en') return l;
  problems.push(`LANGUAGE must be he or en, got ${JSON.stringify(v)}`);
  return 'he';
}

/** §5.1: `{STATUS, ACTION, LANGUAGE, DATA}` for GET_IVR_ACTION. */
export function buildIvrAnswer(action: string, data: Record<string, unknown>, opts: { language?: unknown; status?: unknown } = {}): VoicenterIvrAnswer {
  const problems: string[] = [];
  const a = action.trim().toUpperCase();
  if (!isIvrAction(a)) throw new IvrAnswerError([`ACTION must be one of ${Object.keys(IVR_ACTIONS).join(', ')}, got ${JSON.stringify(action)}`]);
  const shaped = shapeFields(IVR_ACTIONS[a], data, 'DATA.', problems);
  const status = opts.status === undefined ? 0 : Number(opts.status);
  if (status !== 0 && status !== 1) problems.push('STATUS must be 0 or 1');
  const lang = language(opts.language, problems);
  if (problems.length) throw new IvrAnswerError(problems);
  return { STATUS: status, ACTION: a, LANGUAGE: lang, DATA: shaped };
}

/** §12: `{STATUS, ACTION, ...fields}` for IVR_LAYER_INPUT. */
export function buildLayerAnswer(action: string, data: Record<string, unknown>, opts: { status?: unknown } = {}): Record<string, unknown> {
  const problems: string[] = [];
  const a = action.trim().toUpperCase();
  if (!isLayerAction(a)) throw new IvrAnswerError([`ACTION must be one of ${Object.keys(LAYER_ACTIONS).join(', ')}, got ${JSON.stringify(action)}`]);
  const shaped = shapeFields(LAYER_ACTIONS[a], data, '', problems);
  const status = opts.status === undefined ? 0 : Number(opts.status);
  if (status !== 0 && status !== 1) problems.push('STATUS must be 0 or 1');
  if (problems.length) throw new IvrAnswerError(problems);
  return { STATUS: status, ACTION: a, ...shaped };
}

/** §2 step 3: the CRM lookup answer; TOTAL is a string (AMBIGUITIES 5). */
export function buildPopupAnswer(data: Record<string, unknown>): Record<string, unknown> {
  const problems: string[] = [];
  const d = { ...data };
  if (typeof d.TOTAL === 'number') d.TOTAL = String(d.TOTAL);
  const shaped = shapeFields(POPUP_FIELDS, d, '', problems);
  if (problems.length) throw new IvrAnswerError(problems);
  return shaped;
}
