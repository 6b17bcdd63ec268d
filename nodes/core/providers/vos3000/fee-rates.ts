// VOS3000 web interface 2.1.7.0, section 2: feeRates operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'GetFeeRateGroup',
    section: '2.39',
    title: 'Get Fee Rate Group',
    group: 'feeRates',
    request: [
      { name: 'names', type: 'string', array: true, description: 'Fee Rate Group List' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoFeeRateGroups', type: 'struct', struct: 'InfoFeeRateGroup', array: true, description: 'Fee Rate Group Information' },
    ],
  },
  {
    name: 'CreateFeeRateGroup',
    section: '2.40',
    title: 'Create Fee Rate Group',
    group: 'feeRates',
    request: [
      { name: 'name', type: 'string', required: true, length: 64, description: 'Fee Rate Group Name' },
      { name: 'fakeMinute', type: 'integer', description: 'Equivalent Time to 60 Seconds for Calling Card' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'ModifyFeeRateGroup',
    section: '2.41',
    title: 'Modify Fee Rate Group',
    group: 'feeRates',
    request: [
      { name: 'name', type: 'string', required: true, length: 64, description: 'Fee Rate Group Name' },
      { name: 'fakeMinute', type: 'integer', description: 'Equivalent Time to 60 Seconds for Calling Card' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteFeeRateGroup',
    section: '2.42',
    title: 'Delete Fee Rate Group',
    group: 'feeRates',
    request: [
      { name: 'name', type: 'string', required: true, length: 64, description: 'Fee Rate Group Name' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetFeeRate',
    section: '2.43',
    title: 'Get Fee Rate',
    group: 'feeRates',
    request: [
      { name: 'feeRateGroup', type: 'string', required: true, length: 64, description: 'Fee Rate Group' },
      { name: 'areaCodes', type: 'string', array: true, description: 'Area Code' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoFeeRates', type: 'struct', struct: 'InfoFeeRate', array: true, description: 'Fee Rate Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.39
  InfoFeeRateGroup: [
    { name: 'name', type: 'string', required: true, length: 64, description: 'Fee Rate Group Name' },
    { name: 'memo', type: 'string', required: true, length: 64, description: 'Memo' },
  ],
  // §2.43
  InfoFeeRate: [
    { name: 'feePrefix', type: 'string', required: true, length: 64, description: 'Rate Prefix' },
    { name: 'areaCode', type: 'string', required: true, length: 64, description: 'Area Prefix' },
    { name: 'type', type: 'integer', required: true, values: { 1: 'Net', 2: 'Local', 4: 'Domestic', 5: 'International' }, closed: true, description: 'Rate Type' },
    { name: 'areaName', type: 'string', required: true, length: 64, description: 'Area Name' },
    { name: 'infoFeeRateSections', type: 'struct', struct: 'InfoFeeRateSection', array: true, required: true, description: 'Section Rate' },
    { name: 'fee', type: 'double', required: true, description: 'Billing Rate' },
    { name: 'period', type: 'integer', required: true, description: 'Billing Cycle' },
    { name: 'lockType', type: 'integer', required: true, values: { 0: 'No Lock', 1: 'Lock' }, closed: true, description: 'Lock Type' },
    { name: 'ivrFee', type: 'double', required: true, description: 'Billing Rate for Calling Card' },
    { name: 'ivrPeriod', type: 'integer', required: true, description: 'Billing Cycle for Calling Card Prompt' },
  ],
  // §2.43
  InfoFeeRateSection: [
    { name: 'fee', type: 'double', required: true, description: 'Money Amount' },
    { name: 'time', type: 'integer', required: true, description: 'Charged Duration' },
    { name: 'position', type: 'integer', required: true, description: 'Serial Number' },
  ],
};
