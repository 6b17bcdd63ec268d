// VOS3000 web interface 2.1.7.0, section 2: ivrAudio operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateIvrAudio',
    section: '2.67',
    title: 'Create IvrAudio',
    group: 'ivrAudio',
    request: [
      { name: 'type', type: 'integer', required: true, values: { 0: 'public audio', 1: 'internal audio', 2: 'polyphonic ringtone', 3: 'ippbx audio', 4: 'direct/callback audio', 5: 'valuadded audio', 6: 'alarm prompt audio', 7: 'voice mail audio' }, closed: true, description: 'Audio Type' },
      { name: 'name', type: 'string', required: true, description: 'Audio name' },
      { name: 'language', type: 'string', description: 'Language' },
      { name: 'ivrServiceName', type: 'string', description: 'Ivr service name' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'id', type: 'integer', description: 'Ivr audio identification' },
    ],
  },
  {
    name: 'ModifyIvrAudio',
    section: '2.68',
    title: 'Modify IvrAudio',
    group: 'ivrAudio',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Ivr audio identification' },
      { name: 'language', type: 'string', description: 'Language' },
      { name: 'ivrServiceName', type: 'string', description: 'Ivr service name' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteIvrAudio',
    section: '2.69',
    title: 'Delete IvrAudio',
    group: 'ivrAudio',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Ivr audio identification' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetIvrAudio',
    section: '2.70',
    title: 'Get IvrAudio',
    group: 'ivrAudio',
    request: [
      { name: 'type', type: 'integer', required: true, values: { 0: 'public audio', 1: 'internal audio', 2: 'polyphonic ringtone', 3: 'ippbx audio', 4: 'direct/callback audio', 5: 'valuadded audio', 6: 'alarm prompt audio', 7: 'voice mail audio' }, closed: true, description: 'Audio Type' },
      { name: 'ids', type: 'integer', acceptsList: true, description: 'Ivr audio identification list' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoIvrAudios', type: 'struct', struct: 'InfoIvrAudio', array: true, description: 'Ivr audio list' },
    ],
  },
  {
    name: 'ModifyIvrAudioData',
    section: '2.71',
    title: 'Modify IvrAudio Data',
    group: 'ivrAudio',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Ivr audio identification' },
      { name: 'data', type: 'string', required: true, description: 'Wav file, the byte stream should be converted to hexadecimal string File format: PCM_SIGNED 8000.0 Hz, 16 bit, mono, 2 bytes/frame,little-endian' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.70
  InfoIvrAudio: [
    { name: 'id', type: 'integer', required: true, description: 'vr audio identification' },
    { name: 'type', type: 'integer', required: true, values: { 0: 'public audio', 1: 'internal audio', 2: 'polyphonic ringtone', 3: 'ippbx audio', 4: 'direct/callback audio', 5: 'valuadded audio', 6: 'alarm prompt audio', 7: 'voice mail audio' }, closed: true, description: 'Audio Type' },
    { name: 'name', type: 'string', required: true, description: 'Audio name' },
    { name: 'language', type: 'string', description: 'Language' },
    { name: 'ivrServiceName', type: 'string', description: 'Ivr service name' },
    { name: 'size', type: 'integer', required: true, description: 'Memory size' },
    { name: 'memo', type: 'string', description: 'Memo' },
  ],
};
