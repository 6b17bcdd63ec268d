// VOS3000 web interface 2.1.7.0, section 2: phoneCards operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateActivePhoneCard',
    section: '2.31',
    title: 'Create Active Phone Card',
    group: 'phoneCards',
    request: [
      { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
      { name: 'account', type: 'string', required: true, length: 64, description: 'Card Account' },
      { name: 'password', type: 'string', length: 64, description: 'Card Password' },
      { name: 'displayE164', type: 'string', length: 64, description: 'Display Number' },
      { name: 'bindLimit', type: 'integer', description: 'Bind Number Limit Null: No Limit' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'password', type: 'integer', description: 'Request without password, system will generate automatically.' },
    ],
  },
  {
    name: 'ModifyActivePhoneCard',
    section: '2.32',
    title: 'Modify Active Phone Card',
    group: 'phoneCards',
    request: [
      { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
      { name: 'account', type: 'string', length: 64, description: 'Card Account' },
      { name: 'password', type: 'string', length: 64, description: 'Card Password' },
      { name: 'displayE164', type: 'string', length: 64, description: 'Display Number' },
      { name: 'bindLimit', type: 'integer', description: 'Bind Number Limit Null: No Limit' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteActivePhoneCard',
    section: '2.33',
    title: 'Delete Active Phone Card',
    group: 'phoneCards',
    request: [
      { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetActivePhoneCard',
    section: '2.34',
    title: 'Get Active Phone Card',
    group: 'phoneCards',
    // "One of parameters is needed at least." (§2.34)
    atLeastOne: ['pins', 'accounts'],
    request: [
      { name: 'pins', type: 'string', array: true, description: 'Card Number List' },
      { name: 'accounts', type: 'string', array: true, description: 'Account List' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoActivePhoneCards', type: 'struct', struct: 'InfoActivePhoneCard', array: true, description: 'Active Phone Card Information' },
    ],
  },
  {
    name: 'PayByPhoneCard',
    section: '2.57',
    title: 'Pay By Phone Card',
    group: 'phoneCards',
    request: [
      { name: 'ownerName', type: 'string', required: true, length: 64, description: 'Name' },
      { name: 'ownerType', type: 'integer', required: true, values: { 2: 'Account', 6: 'Phone', 11: 'Active Phone Card', 25: 'Binded E164', 44: 'Mapping Gateway' }, closed: true, description: 'Type' },
      { name: 'pin', type: 'string', required: true, description: 'Card Number' },
      { name: 'password', type: 'string', description: 'Card Password Null: Check Pin Only' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoPay', type: 'struct', struct: 'InfoPay', description: 'Pay Information' },
    ],
  },
  {
    name: 'PhoneCardActive',
    section: '2.58',
    title: 'Phone Card Active',
    group: 'phoneCards',
    request: [
      { name: 'pin', type: 'string', required: true, description: 'Card Number' },
      { name: 'password', type: 'string', description: 'Card Password Null: Check Pin Only' },
      { name: 'bindedE164', type: 'string', length: 64, description: 'Binded Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetPhoneCard',
    section: '2.78',
    title: 'Get Phone Card',
    group: 'phoneCards',
    request: [
      { name: 'pin', type: 'string', array: true, required: true, length: 255, description: 'Card Number' },
      { name: 'Password', type: 'string', description: 'Password' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoPhoneCards', type: 'struct', struct: 'InfoPhoneCard', array: true, description: 'Phone Card Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.34
  InfoActivePhoneCard: [
    { name: 'pin', type: 'string', required: true, length: 64, description: 'Card Number' },
    { name: 'account', type: 'string', required: true, length: 64, description: 'Card Account' },
    { name: 'password', type: 'string', required: true, length: 64, description: 'Card Password' },
    { name: 'displayE164', type: 'string', required: true, length: 64, description: 'Display Number' },
    { name: 'bindLimit', type: 'integer', required: true, description: 'Bind Number Limit Null: No Limit' },
    { name: 'activeTime', type: 'long', required: true, description: 'Active Time (UTC)' },
    { name: 'memo', type: 'string', required: true, length: 255, description: 'Memo' },
  ],
  // §2.78
  InfoPhoneCard: [
    { name: 'money', type: 'double', required: true, description: 'Money amount' },
    { name: 'limitMoney', type: 'double', required: true, description: 'Overdraft limited' },
    { name: 'bitsOfConfig', type: 'integer', required: true, description: 'Fuction 1<<1:Create account 1<<2:Create account and active phone card 1<<3: Create account and phone number 1<<4:Recharge 1<<5:Replace account billing rate group 1<<6:Package joined in account package order 1<<7:Money charged into account balance' },
    { name: 'feeRateGroup', type: 'string', required: true, description: 'Group name' },
    { name: 'expireTime', type: 'long', required: true, description: 'Exprie time(UTC)' },
    { name: 'usedTime', type: 'long', description: 'Used time(UTC)' },
    { name: 'usedAccount', type: 'string', description: 'Used account' },
    { name: 'agentAccount', type: 'string', required: true, description: 'Agent Account' },
    { name: 'suiteNames', type: 'string', array: true, required: true, description: 'Suite name list' },
    { name: 'memo', type: 'string', required: true, description: 'Memo' },
  ],
};
