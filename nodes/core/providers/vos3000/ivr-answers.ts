/**
 * The answer to VOS3000 PushDtmfInfo / PushDtmfInfos (VOS3000 doc §3.1, §3.2):
 * `{retCode, exception?, audioNames?}`. retCode is defined by the integrator: VOS3000 runs the
 * menu configured for that code ("If no response, default menu will be executed").
 */
import { IvrAnswerError, shapeFields, type FieldSpec } from '../voicenter/ivr-answers';

const VOS_DTMF_ANSWER: FieldSpec[] = [
  { name: 'retCode', type: 'int', required: true },
  { name: 'exception', type: 'string', required: false },
  { name: 'audioNames', type: 'strings', required: false },
];

export function buildVosDtmfAnswer(data: Record<string, unknown>): Record<string, unknown> {
  const problems: string[] = [];
  const out = shapeFields(VOS_DTMF_ANSWER, data, '', problems);
  if (problems.length) throw new IvrAnswerError(problems);
  return out;
}
