// VOS3000 web interface 2.1.7.0, section 2: e164Convert operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'GetE164Convert',
    section: '2.44',
    title: 'Get E164 Convert',
    group: 'e164Convert',
    request: [
      { name: 'account', type: 'string', length: 64, description: 'Account Number' },
      { name: 'e164', type: 'string', length: 64, description: 'Phone Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoE164Converts', type: 'struct', struct: 'InfoE164Convert', array: true, description: 'E164 Convert Information' },
    ],
  },
  {
    name: 'CreateE164Convert',
    section: '2.72',
    title: 'Create E164Convert',
    group: 'e164Convert',
    request: [
      { name: 'mappingGatewayCallerE164', type: 'string', required: true, description: 'Mapping gateway coming caller' },
      { name: 'e164', type: 'string', required: true, description: 'Phone number' },
      { name: 'routingGatewayCalleeE164', type: 'string', required: true, description: 'Routing gateway outbound number' },
      { name: 'memo', type: 'string', required: true, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'id', type: 'integer', description: 'Identification' },
    ],
  },
  {
    name: 'ModifyE164Convert',
    section: '2.73',
    title: 'Modify E164Convert',
    group: 'e164Convert',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Identification' },
      { name: 'mappingGatewayCallerE164', type: 'string', description: 'Mapping gateway coming caller' },
      { name: 'routingGatewayCalleeE164', type: 'string', description: 'Routing gateway outbound number' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteE164Convert',
    section: '2.74',
    title: 'Delete E164Convert',
    group: 'e164Convert',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Identification' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.44
  InfoE164Convert: [
    { name: 'account', type: 'string', required: true, description: 'Account Name' },
    { name: 'e164', type: 'string', required: true, description: 'Phone Number' },
    { name: 'mappingGatewayCallerE164', type: 'string', required: true, description: 'Mapping Gateway Caller' },
    { name: 'routingGatewayCalleeE164', type: 'string', required: true, description: 'Routing Gateway Callee' },
    { name: 'memo', type: 'string', required: true, description: 'Memo' },
  ],
};
