/**
 * Turns what a flow answers into the PBX's answer for the kind of request it is answering,
 * checked by the provider's tables; throws IvrAnswerError listing every problem.
 */
import { buildIvrAnswer, buildLayerAnswer, buildPopupAnswer, IvrAnswerError } from '../../providers/voicenter/ivr-answers';
import { buildVosDtmfAnswer } from '../../providers/vos3000/ivr-answers';
import type { IvrRequestKind } from './ivr-request';

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
}

/**
 * `answer` is `{ACTION, DATA, LANGUAGE?, STATUS?}` for GET_IVR_ACTION, `{ACTION, ...fields}` for
 * IVR_LAYER_INPUT, `{retCode, audioNames?, exception?}` for VOS3000, `{STATUS, URL, ...}` for the
 * pop-up lookup (lower-case `action`/`data`/`language`/`status` are accepted too).
 */
export function buildAnswerFor(kind: IvrRequestKind, answer: unknown, defaultLanguage: string = 'he'): Record<string, unknown> {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new IvrAnswerError(['the answer must be an object']);
  }
  const a = answer as Record<string, unknown>;
  switch (kind) {
    case 'menu': {
      const action = pick(a, 'ACTION', 'action');
      if (typeof action !== 'string') throw new IvrAnswerError(['ACTION is mandatory']);
      const built = buildIvrAnswer(action, obj(pick(a, 'DATA', 'data')), {
        language: pick(a, 'LANGUAGE', 'language') ?? defaultLanguage,
        status: pick(a, 'STATUS', 'status'),
      });
      return { ...built };
    }
    case 'layer': {
      const action = pick(a, 'ACTION', 'action');
      if (typeof action !== 'string') throw new IvrAnswerError(['ACTION is mandatory']);
      const { ACTION: _a, action: _b, STATUS: st, status: st2, ...fields } = a;
      void _a;
      void _b;
      return buildLayerAnswer(action, fields, { status: st ?? st2 });
    }
    case 'vos-dtmf':
      return buildVosDtmfAnswer(a);
    case 'popup':
      return buildPopupAnswer(a);
    case 'hangup':
      return { STATUS: 0 };
  }
}
