// VOS3000 web interface 2.1.7.0, section 2: payments operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'Pay',
    section: '2.21',
    title: 'Pay',
    group: 'payments',
    request: [
      { name: 'ownerName', type: 'string', required: true, length: 64, description: 'Name' },
      { name: 'ownerType', type: 'integer', required: true, values: { 2: 'Account', 6: 'Phone', 11: 'Active Phone Card', 25: 'Binded E164', 44: 'Mapping Gateway' }, closed: true, description: 'Type' },
      { name: 'money', type: 'double', required: true, description: 'Amount' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoPay', type: 'struct', struct: 'InfoPay', description: 'Pay Information' },
    ],
  },
  {
    name: 'GetPayHistory',
    section: '2.45',
    title: 'Get Pay History',
    group: 'payments',
    // "One of parameters is needed at least." (§2.45)
    atLeastOne: ['account', 'agentAccount'],
    request: [
      { name: 'account', type: 'string', length: 64, description: 'Account Number' },
      { name: 'agentAccount', type: 'string', length: 64, description: 'Agent Account Number' },
      { name: 'beginTime', type: 'string', required: true, format: 'yyyyMMddHHmmss', description: 'Begin Time' },
      { name: 'endTime', type: 'string', required: true, format: 'yyyyMMddHHmmss', description: 'End Time' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoPayHistorys', type: 'struct', struct: 'InfoPayHistory', array: true, description: 'Pay History Information' },
    ],
  },
  {
    name: 'GetAvailableTime',
    section: '2.61',
    title: 'Get Available Time',
    group: 'payments',
    request: [
      { name: 'billingName', type: 'string', required: true, description: 'Billing Name' },
      { name: 'billingMode', type: 'integer', required: true, values: { 0: 'Phone', 1: 'Mapping Gateway', 2: 'Binded Number', 3: 'Phone Card', 4: 'Use phone card first, then mapping gateway' }, closed: true, description: '' },
      { name: 'calleeE164', type: 'string', required: true, description: 'Callee Number' },
      { name: 'calleeEndpointType', type: 'integer', values: { 0: 'Phone', 1: 'Mapping Gateway' }, closed: true, description: '' },
      { name: 'routingGateway', type: 'string', length: 64, description: 'Routing Gateway Name' },
      { name: 'calleeToGatewayE164', type: 'string', length: 64, description: 'Number after rewrite by routing gateway (Used when routing gateway check remain money of clearing account)' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'InfoAvailableTime', type: 'struct', struct: 'InfoAvailableTime', description: 'Available Time Information' },
    ],
  },
  {
    name: 'GetIvrSecondAvailableTime',
    section: '2.62',
    title: 'Get IVR Second Available Time',
    group: 'payments',
    request: [
      { name: 'billingName', type: 'string', required: true, description: 'Billing Name' },
      { name: 'billingMode', type: 'integer', required: true, values: { 0: 'Phone', 1: 'Active Phone Card', 2: 'Auto, Binded Number > Phone Card Number > Phone Number', 3: 'Caller\'s Phone' }, closed: true, description: '' },
      { name: 'calleeE164', type: 'string', required: true, description: 'Callee Number' },
      { name: 'mergeBillingType', type: 'integer', values: { 0: 'No merge', 1: 'merge access billing to second line', 2: 'merge caller billing to second line' }, closed: true, description: '' },
      { name: 'mergeE164', type: 'string', length: 64, description: 'Merge Number' },
      { name: 'firstE164', type: 'string', length: 64, description: 'First line\'s callee' },
      { name: 'firstConnectTime', type: 'long', description: 'First line\'s connect time (UTC)' },
      { name: 'firstStopTime', type: 'long', description: 'First line\'s stop time (UTC)' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoIvrSecondAvailableTime', type: 'struct', struct: 'InfoIvrSecondAvailableTime', description: 'Available Time Information' },
    ],
  },
  {
    name: 'GetConsumption',
    section: '2.63',
    title: 'Get Consumption',
    group: 'payments',
    request: [
      { name: 'account', type: 'string', length: 64, description: 'Account Number' },
      { name: 'agentAccount', type: 'string', length: 64, description: 'Agent Account Number' },
      { name: 'beginTime', type: 'string', required: true, format: 'yyyyMMddHHmmss', description: '' },
      { name: 'endTime', type: 'string', required: true, format: 'yyyyMMddHHmmss', description: 'One of "account" or "agentAccount" is needed.' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoConsumptions', type: 'struct', struct: 'InfoConsumption', array: true, description: 'Consumption Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.21
  InfoPay: [
    { name: 'account', type: 'string', required: true, length: 64, description: 'Account Name' },
    { name: 'money', type: 'double', required: true, description: 'Balance' },
    { name: 'validTime', type: 'long', required: true, description: 'Valid Time (UTC)' },
    { name: 'payMoney', type: 'double', required: true, description: 'Amount' },
  ],
  // §2.45
  InfoPayHistory: [
    { name: 'account', type: 'string', required: true, description: 'Account Name' },
    { name: 'fee', type: 'double', required: true, description: 'Money Amount' },
    { name: 'type', type: 'integer', required: true, values: { 0: 'Payment', 1: 'Credit', 2: 'Create Account', 3: 'Make Zero' }, closed: true, description: 'Type' },
    { name: 'payType', type: 'integer', required: true, values: { 0: 'Cash', 2: 'Phone Card', 5: 'Other' }, closed: true, description: 'Pay Type' },
    { name: 'customerMoney', type: 'double', required: true, description: 'Account Balance After Pay' },
    { name: 'payTime', type: 'long', required: true, description: 'Pay Time (UTC)' },
  ],
  // §2.61
  InfoAvailableTime: [
    { name: 'account', type: 'string', description: 'Account Number' },
    { name: 'accountName', type: 'string', description: 'Account Name' },
    { name: 'accountMoney', type: 'double', description: 'Account Balance (Exclude Suite\'s gift money)' },
    { name: 'timeRemain', type: 'integer', required: true, description: '>0: Remain Time <0: End Reason' },
    { name: 'timeRemainRoutingGateway', type: 'integer', description: '>0: Routing Gateway\'s Remain Time <0: Routing Gateway\'s End Reason' },
  ],
  // §2.62
  InfoIvrSecondAvailableTime: [
    { name: 'account', type: 'string', description: 'Account Number' },
    { name: 'accountName', type: 'string', description: 'Account Name' },
    { name: 'accountMoney', type: 'double', description: 'Account Balance (Exclude Suite\'s gift money)' },
    { name: 'timeRemain', type: 'integer', required: true, description: '>0: Remain Time <0: End Reason' },
  ],
  // §2.63
  InfoConsumption: [
    { name: 'account', type: 'string', required: true, description: 'Account Number' },
    { name: 'money', type: 'double', required: true, description: 'Account Consumption' },
    { name: 'customerMoney', type: 'double', required: true, description: 'Account Balance' },
    { name: 'type', type: 'integer', required: true, values: { 0: 'Suite Rent', 1: 'Phone Month Rent', 2: 'Phone Under Consumption', 3: 'Suite Under Consumption' }, closed: true, description: '' },
    { name: 'consumptionName', type: 'integer', required: true, description: 'Source' },
    { name: 'time', type: 'long', required: true, description: 'Time (UTC)' },
  ],
};
