// VOS3000 web interface 2.1.7.0, section 2: boundE164s operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateBindedE164',
    section: '2.35',
    title: 'Create Binded E164',
    group: 'boundE164s',
    request: [
      { name: 'e164', type: 'string', required: true, length: 64, description: 'Bind Number' },
      { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
      { name: 'displayE164', type: 'string', length: 64, description: 'Display Number' },
      { name: 'rewriteRulesOutCallee', type: 'string', length: 65535, description: 'Call Out Rewrite Rule' },
      { name: 'language', type: 'string', length: 64, description: 'Language' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'ModifyBindedE164',
    section: '2.36',
    title: 'Modify Binded E164',
    group: 'boundE164s',
    request: [
      { name: 'e164', type: 'string', required: true, length: 64, description: 'Bind Number' },
      { name: 'pin', type: 'string', length: 64, description: 'Card Number' },
      { name: 'displayE164', type: 'string', length: 64, description: 'Display Number' },
      { name: 'rewriteRulesOutCallee', type: 'string', length: 65535, description: 'Call Out Rewrite Rule' },
      { name: 'language', type: 'string', length: 64, description: 'Language' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteBindedE164',
    section: '2.37',
    title: 'Delete Binded E164',
    group: 'boundE164s',
    request: [
      { name: 'e164', type: 'string', required: true, length: 64, description: 'Bind Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetBindedE164',
    section: '2.38',
    title: 'Get Binded E164',
    group: 'boundE164s',
    // "One of parameters is needed at least." (§2.38)
    atLeastOne: ['e164s', 'pin', 'account'],
    request: [
      { name: 'e164s', type: 'string', array: true, description: 'Binded Number List' },
      { name: 'pin', type: 'string', length: 64, description: 'Card Number' },
      { name: 'account', type: 'string', length: 64, description: 'Account' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoBindedE164s', type: 'struct', struct: 'InfoBindedE164', array: true, description: 'Binded Number Information' },
    ],
  },
  {
    name: 'CreateLimitedE164',
    section: '2.66',
    title: 'Create LimitedE164',
    group: 'boundE164s',
    request: [
      { name: 'limitE164GroupName', type: 'string', required: true, length: 255, description: 'LimitedE164 group name' },
      { name: 'infoLimitE164s', type: 'struct', struct: 'InfoLimitE164', array: true, required: true, description: 'LimitedE164 group list' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteLimitE164',
    section: '2.77',
    title: 'DeleteLimitE164',
    group: 'boundE164s',
    request: [
      { name: 'limitE164GroupName', type: 'string', required: true, length: 255, description: 'LimitE164GroupName' },
      { name: 'e164s', type: 'string', array: true, required: true, description: 'Number list' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.38
  InfoBindedE164: [
    { name: 'e164', type: 'string', required: true, length: 64, description: 'Binded Number' },
    { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
    { name: 'account', type: 'string', required: true, length: 64, description: 'Account' },
    { name: 'displayE164', type: 'string', required: true, length: 64, description: 'Display Number' },
    { name: 'rewriteRulesOutCallee', type: 'string', required: true, length: 65535, description: 'Call Out Rewrite Rule' },
    { name: 'bindTime', type: 'long', required: true, description: 'Bind Time (UTC)' },
    { name: 'language', type: 'string', required: true, length: 64, description: 'Language' },
    { name: 'memo', type: 'string', required: true, length: 255, description: 'Memo' },
  ],
  // §2.66
  InfoLimitE164: [
    { name: 'e164', type: 'string', required: true, length: 64, description: 'Number' },
    { name: 'memo', type: 'string', length: 255, description: 'Memo' },
  ],
};
