// VOS3000 web interface 2.1.7.0, section 2: suites operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateSuite',
    section: '2.22',
    title: 'Create Suite',
    group: 'suites',
    request: [
      { name: 'name', type: 'string', required: true, length: 64, description: 'Suite Name' },
      { name: 'rentPeriod', type: 'integer', required: true, description: 'Rent Period' },
      { name: 'rentType', type: 'integer', required: true, values: { 0: 'Day', 1: 'Month', 2: 'Year' }, closed: true, description: 'Rent Type' },
      { name: 'rentFee', type: 'double', required: true, description: 'Rent Fee' },
      { name: 'giftMoney', type: 'double', required: true, description: 'Gift Money' },
      { name: 'infoGiftTimes', type: 'struct', struct: 'InfoGiftTime', array: true, description: 'Gift Time' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'id', type: 'integer', description: 'Suite Id' },
    ],
  },
  {
    name: 'DeleteSuite',
    section: '2.23',
    title: 'Delete Suite',
    group: 'suites',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Suite Id' },
      { name: 'force', type: 'integer', values: { 0: 'Normal delete, check dependence', 1: 'Force delete, remove dependence' }, closed: true, description: '' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetSuite',
    section: '2.24',
    title: 'Get Suite',
    group: 'suites',
    request: [
      { name: 'ids', type: 'integer', array: true, description: 'Suite Id List Null: All' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoSuites', type: 'struct', struct: 'InfoSuite', array: true, description: 'Suite Information' },
    ],
  },
  {
    name: 'CreateSuiteOrder',
    section: '2.25',
    title: 'Create Suite Order',
    group: 'suites',
    request: [
      { name: 'ownerName', type: 'string', required: true, length: 64, description: 'Name' },
      { name: 'ownerType', type: 'integer', required: true, values: { 2: 'Account', 6: 'Phone' }, closed: true, description: 'Type' },
      { name: 'suiteId', type: 'integer', required: true, description: 'Suite Id' },
      { name: 'availableTime', type: 'long', required: true, values: { 0: 'Current Day 0:00' }, description: 'Available Time (UTC, Server Time Zone)' },
      { name: 'expireTime', type: 'long', values: { 9223372036854775807: 'No Limit' }, description: 'Expire Time (UTC, Server Time Zone) Null: No Limit' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'id', type: 'integer', description: 'Suite Order Id, If success' },
    ],
  },
  {
    name: 'ModifySuiteOrder',
    section: '2.26',
    title: 'Modify Suite Order',
    group: 'suites',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Suite Order Id' },
      { name: 'expireTime', type: 'long', values: { 9223372036854775807: 'No Limit' }, description: 'Expire Time (UTC, Server Time Zone) Null: No Limit' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteSuiteOrder',
    section: '2.27',
    title: 'Delete Suite Order',
    group: 'suites',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Suite Order Id' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetSuiteOrder',
    section: '2.28',
    title: 'Get Suite Order',
    group: 'suites',
    request: [
      { name: 'ownerName', type: 'string', required: true, length: 64, description: 'Name' },
      { name: 'ownerType', type: 'integer', required: true, values: { 2: 'Account', 6: 'Phone' }, closed: true, description: 'Type' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoSuiteOrders', type: 'struct', struct: 'InfoSuiteOrder', array: true, description: 'Suite Order Information' },
    ],
  },
  {
    name: 'GetCurrentSuite',
    section: '2.29',
    title: 'Get Current Suite',
    group: 'suites',
    request: [
      { name: 'ownerName', type: 'string', required: true, length: 64, description: 'Name' },
      { name: 'ownerType', type: 'integer', required: true, values: { 2: 'Account', 6: 'Phone' }, closed: true, description: 'Type' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoCurrentSuites', type: 'struct', struct: 'InfoCurrentSuite', array: true, description: 'Suite Order Information' },
    ],
  },
  {
    name: 'DeleteCurrentSuite',
    section: '2.30',
    title: 'Delete Current Suite',
    group: 'suites',
    request: [
      { name: 'id', type: 'integer', required: true, description: 'Current Suite Id' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.22
  InfoGiftTime: [
    { name: 'prefix', type: 'string', required: true, length: 65535, description: 'Area Prefix, separate by comma' },
    { name: 'startTime', type: 'integer', required: true, default: '0 Range: 0-86400', description: 'Start Time (Seconds from 0:00)' },
    { name: 'endTime', type: 'integer', required: true, default: '0 Range: 0-86400', description: 'Stop Time (Seconds from 0:00)' },
    { name: 'giftTime', type: 'integer', required: true, description: 'Gift Time (Unit: second)' },
    { name: 'billingTime', type: 'integer', required: true, description: 'Billing Period' },
    { name: 'memo', type: 'string', length: 255, description: 'Memo' },
  ],
  // §2.24
  InfoSuite: [
    { name: 'id', type: 'integer', required: true, description: 'Suite Id' },
    { name: 'name', type: 'string', required: true, description: 'Suite Name' },
    { name: 'rentPeriod', type: 'integer', required: true, description: 'Rent Period' },
    { name: 'rentType', type: 'integer', required: true, values: { 0: 'Day', 1: 'Month', 2: 'Year' }, closed: true, description: 'Rent Type' },
    { name: 'rentFee', type: 'double', required: true, description: 'Rent Fee' },
    { name: 'giftMoney', type: 'double', required: true, description: 'Gift Money' },
    { name: 'infoGiftTimes', type: 'struct', struct: 'InfoGiftTime', array: true, description: 'Gift Time' },
    { name: 'memo', type: 'string', description: 'Memo' },
  ],
  // §2.28
  InfoSuiteOrder: [
    { name: 'id', type: 'integer', required: true, description: 'Suite Order Id' },
    { name: 'suiteId', type: 'integer', required: true, description: 'Suite Id' },
    { name: 'availableTime', type: 'long', required: true, description: 'Available Time (UTC, Server Time Zone)' },
    { name: 'expireTime', type: 'long', required: true, values: { 9223372036854775807: 'No Limit' }, description: 'Expire Time (UTC, Server Time Zone)' },
  ],
  // §2.29
  InfoCurrentSuite: [
    { name: 'id', type: 'integer', required: true, description: 'Current Suite Id' },
    { name: 'suiteId', type: 'integer', required: true, description: 'Suite Id' },
    { name: 'suiteOrderId', type: 'integer', required: true, description: 'Suite Order Id' },
    { name: 'rentPeriod', type: 'integer', required: true, description: 'Rent Period' },
    { name: 'rentType', type: 'integer', required: true, values: { 0: 'Day', 1: 'Month', 2: 'Year' }, closed: true, description: 'Rent Type' },
    { name: 'rentFee', type: 'double', required: true, description: 'Rent Fee' },
    { name: 'giftMoney', type: 'double', required: true, description: 'Gift Money' },
    { name: 'infoGiftTimes', type: 'struct', struct: 'InfoGiftTime', array: true, description: 'Gift Time' },
    { name: 'memo', type: 'string', description: 'Memo' },
  ],
};
