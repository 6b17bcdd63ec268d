// VOS3000 web interface 2.1.7.0, section 2: customers operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateCustomer',
    section: '2.1',
    title: 'Create Customer',
    group: 'customers',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
      { name: 'name', type: 'string', length: 64, description: 'Account Name' },
      { name: 'money', type: 'double', default: '0', description: 'For Create Account Only' },
      { name: 'limitMoney', type: 'double', default: '0', description: 'Overdraft Limit' },
      { name: 'feeRateGroup', type: 'string', length: 64, description: 'Billing Fee Rate Group Name (Do not support "Use Lower Rate")' },
      { name: 'type', type: 'integer', values: { 0: 'General Account', 1: 'Phone Card', 2: 'Clearing Account' }, closed: true, default: '0', description: 'Account Type' },
      { name: 'lockType', type: 'integer', values: { 0: 'Normal', 1: 'Locked' }, closed: true, default: '0', description: 'Lock Type' },
      { name: 'agentAccount', type: 'string', length: 64, description: 'Agent' },
      { name: 'phoneBookLimit', type: 'integer', default: '0', description: 'Phone Book Number Limit' },
      { name: 'validTime', type: 'long', default: '0 (Set by System Parameter)', description: 'Account Valid Time (UTC Time)' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
      { name: 'infoCustomerAdditional', type: 'struct', struct: 'InfoCustomerAdditional', description: 'Additional Information' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'ModifyCustomer',
    section: '2.2',
    title: 'Modify Customer',
    group: 'customers',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
      { name: 'name', type: 'string', length: 64, description: 'Account Name' },
      { name: 'limitMoney', type: 'double', default: '0', description: 'Overdraft Limit' },
      { name: 'feeRateGroup', type: 'string', length: 64, description: 'Billing Fee Rate Group Name (Do not support "Use Lower Rate")' },
      { name: 'type', type: 'integer', values: { 0: 'General Account', 1: 'Phone Card', 2: 'Clearing Account' }, closed: true, default: '0', description: 'Account Type' },
      { name: 'lockType', type: 'integer', values: { 0: 'Normal', 1: 'Locked' }, closed: true, default: '0', description: 'Lock Type' },
      { name: 'agentAccount', type: 'string', length: 64, description: 'Agent' },
      { name: 'phoneBookLimit', type: 'integer', default: '0', description: 'Phone Book Number Limit' },
      { name: 'validTime', type: 'long', default: '0 (Set by System Parameter)', description: 'Account Valid Time (UTC Time)' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
      { name: 'infoCustomerAdditional', type: 'struct', struct: 'InfoCustomerAdditional', description: 'Additional Information' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteCustomer',
    section: '2.3',
    title: 'Delete Customer',
    group: 'customers',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetCustomer',
    section: '2.4',
    title: 'Get Customer',
    group: 'customers',
    // "One of parameters is needed at least." (§2.4)
    atLeastOne: ['accounts', 'e164s'],
    request: [
      { name: 'accounts', type: 'string', array: true, description: 'Account List' },
      { name: 'e164s', type: 'string', array: true, description: 'E164 List' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoCustomers', type: 'struct', struct: 'InfoCustomer', array: true, description: 'Customer Information' },
    ],
  },
  {
    name: 'GetAllCustomers',
    section: '2.64',
    title: 'Get All Customers',
    group: 'customers',
    request: [
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'accounts', type: 'string', array: true, description: 'Account List' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.1
  InfoCustomerAdditional: [
    { name: 'cardType', type: 'integer', values: { 0: 'ID Card', 1: 'Passport', 2: 'Officer ID', 3: 'Employee ID', 4: 'Student ID', 5: 'Others' }, closed: true, default: '0', description: 'Certification Type' },
    { name: 'cardNumber', type: 'string', description: 'Certification Number' },
    { name: 'address', type: 'string', description: 'Detailed Address' },
    { name: 'postCode', type: 'string', description: 'Post Code' },
    { name: 'linkMan', type: 'string', description: 'Contact' },
    { name: 'telephone', type: 'string', description: 'Phone Number' },
    { name: 'fax', type: 'string', description: 'Fax' },
    { name: 'email', type: 'string', description: 'Email' },
    { name: 'emailCc', type: 'string', description: 'CC' },
    { name: 'emailBcc', type: 'string', description: 'BCC' },
    { name: 'reportType', type: 'integer', values: { 0: 'None', 1: 'Daily', 2: 'Weekly', 3: 'Monthly' }, closed: true, default: '0', description: 'Report Sending Type' },
    { name: 'companyName', type: 'string', description: 'Company Name' },
    { name: 'bank', type: 'string', description: 'Bank Account' },
  ],
  // §2.4
  InfoCustomer: [
    { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
    { name: 'name', type: 'string', required: true, length: 64, description: 'Account Name' },
    { name: 'money', type: 'double', required: true, description: 'Balance' },
    { name: 'limitMoney', type: 'double', required: true, description: 'Over Draft' },
    { name: 'feeRateGroup', type: 'string', required: true, length: 64, description: 'Billing Fee Rate Blank: no fee rate group' },
    { name: 'type', type: 'integer', required: true, values: { 0: 'General Account', 1: 'Phone Card', 2: 'Clearing Account' }, closed: true, description: 'Account Type' },
    { name: 'lockType', type: 'integer', required: true, values: { 0: 'Normal', 1: 'Locked' }, closed: true, description: 'Lock Type' },
    { name: 'agentAccount', type: 'string', required: true, length: 64, description: 'Agent Account Blank: no agent' },
    { name: 'phoneBookLimit', type: 'integer', required: true, description: 'Phone Book Number Limit' },
    { name: 'startTime', type: 'long', required: true, description: 'Customer Create Time' },
    { name: 'validTime', type: 'long', required: true, description: 'Customer Expire Time' },
    { name: 'todayConsumption', type: 'double', required: true, description: 'Today Consumption' },
    { name: 'memo', type: 'string', required: true, length: 255, description: 'Memo' },
    { name: 'infoCustomerAdditional', type: 'struct', struct: 'InfoCustomerAdditional', required: true, description: 'Customer Additional Information' },
  ],
};
