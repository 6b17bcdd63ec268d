// VOS3000 web interface 2.1.7.0, section 2: phoneBooks operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'GetCustomerPhoneBook',
    section: '2.51',
    title: 'Get Customer Phone Book',
    group: 'phoneBooks',
    request: [
      { name: 'account', type: 'string', length: 64, description: 'Account Number' },
      { name: 'e164', type: 'string', length: 64, description: 'Phone Number' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoCustomerPhoneBooks', type: 'struct', struct: 'InfoCustomerPhoneBook', array: true, description: 'Customer Phone Book Information' },
    ],
  },
  {
    name: 'CreateCustomerPhoneBook',
    section: '2.52',
    title: 'Create Customer Phone Book',
    group: 'phoneBooks',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
      { name: 'e164', type: 'string', required: true, length: 64, description: 'Phone Number' },
      { name: 'overwrite', type: 'boolean', description: 'true: if number exists, over write the old one false: if number exists, show error' },
      { name: 'shortE164s', type: 'string', array: true, description: 'Short Number List' },
      { name: 'name', type: 'string', length: 64, description: 'Name' },
      { name: 'department', type: 'string', length: 64, description: 'Department' },
      { name: 'deviceType', type: 'integer', values: { 0: 'None', 1: 'Mobile', 2: 'Phone', 3: 'IP Phone' }, closed: true, description: 'Device Type' },
      { name: 'addressType', type: 'integer', values: { 0: 'None', 1: 'Office', 2: 'Home' }, closed: true, description: 'Address Type' },
      { name: 'type', type: 'integer', values: { 0: 'User Create', 1: 'Auto Save' }, closed: true, description: 'Type' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'ModifyCustomerPhoneBook',
    section: '2.53',
    title: 'Modify Customer Phone Book',
    group: 'phoneBooks',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
      { name: 'e164', type: 'string', required: true, length: 64, description: 'Phone Number' },
      { name: 'newE164', type: 'string', length: 64, description: 'New Phone Number' },
      { name: 'shortE164s', type: 'string', array: true, description: 'Short Number List' },
      { name: 'name', type: 'string', length: 64, description: 'Name' },
      { name: 'department', type: 'string', length: 64, description: 'Department' },
      { name: 'deviceType', type: 'integer', values: { 0: 'None', 1: 'Mobile', 2: 'Phone', 3: 'IP Phone' }, closed: true, description: 'Device Type' },
      { name: 'addressType', type: 'integer', values: { 0: 'None', 1: 'Office', 2: 'Home' }, closed: true, description: 'Address Type' },
      { name: 'type', type: 'integer', values: { 0: 'User Create', 1: 'Auto Save' }, closed: true, description: 'Type' },
      { name: 'memo', type: 'string', length: 255, description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteCustomerPhoneBook',
    section: '2.54',
    title: 'Delete Customer Phone Book',
    group: 'phoneBooks',
    request: [
      { name: 'account', type: 'string', required: true, length: 64, description: 'Account Number' },
      { name: 'e164s', type: 'string', array: true, required: true, length: 64, description: 'Phone Number List' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.51
  InfoCustomerPhoneBook: [
    { name: 'e164', type: 'string', required: true, length: 64, description: 'Phone Number' },
    { name: 'shortE164s', type: 'string', array: true, required: true, description: 'Short Number List' },
    { name: 'name', type: 'string', required: true, description: 'Name' },
    { name: 'department', type: 'string', required: true, description: 'Department' },
    { name: 'deviceType', type: 'integer', required: true, values: { 0: 'None', 1: 'Mobile', 2: 'Phone', 3: 'IP Phone' }, closed: true, description: 'Device Type' },
    { name: 'addressType', type: 'integer', required: true, values: { 0: 'None', 1: 'Office', 2: 'Home' }, closed: true, description: 'Address Type' },
    { name: 'type', type: 'integer', required: true, values: { 0: 'User Create', 1: 'Auto Save' }, closed: true, description: 'Type' },
    { name: 'lastUpdateTime', type: 'long', required: true, description: 'Last Update Time (UTC)' },
    { name: 'memo', type: 'string', required: true, description: 'Memo' },
  ],
};
