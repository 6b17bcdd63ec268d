// VOS3000 web interface 2.1.7.0, section 2: alarms operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'CreateAlarm',
    section: '2.79',
    title: 'Create Alarm',
    group: 'alarms',
    request: [
      { name: 'name', type: 'string', required: true, length: 255, description: '告警名称' },
      // No M/O printed for level (AMBIGUITIES.md item 21): treated as optional.
      { name: 'level', type: 'integer', values: { 0: 'General', 1: 'Minor', 2: 'Major', 3: 'Critical' }, closed: true, description: 'Level' },
      { name: 'value', type: 'double', default: '0x7fffffff(32-bit integer)', description: '' },
      { name: 'alarmInfo', type: 'string', description: 'Alarm information' },
      { name: 'startTime', type: 'long', description: 'Alarm start time(UTC) )' },
      { name: 'stopTime', type: 'long', description: 'Alarm stop time(UTC)' },
      { name: 'upper', type: 'double', description: 'Upper value Range: 0x8000000 ~ 0x7fffffff(32-bit integer)' },
      { name: 'lower', type: 'double', description: 'Lower value Range: 0x8000000 ~ 0x7fffffff(32-bit integer)' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'CreateMediaBlockIp',
    section: '2.80',
    title: 'CreateMediaBlockIp',
    group: 'alarms',
    request: [
      { name: 'ip', type: 'string', required: true, length: 255, description: 'Ip address' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'DeleteMediaBlockIp',
    section: '2.81',
    title: 'DeleteMediaBlockIp',
    group: 'alarms',
    request: [
      { name: 'ip', type: 'string', required: true, length: 255, description: 'Ip address' },
      { name: 'memo', type: 'string', description: 'Memo' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'GetAlarmCurrent',
    section: '2.82',
    title: 'GetAlarmCurrent',
    group: 'alarms',
    request: [
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      // Typed as a single InfoAlarmCurrent here but a list in §3.6 (item 22): an array.
      { name: 'infoAlarmCurrents', type: 'struct', struct: 'InfoAlarmCurrent', array: true, description: 'Current alarm list' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.82
  InfoAlarmCurrent: [
    { name: 'id', type: 'integer', required: true, description: 'Alarm id' },
    { name: 'type', type: 'integer', required: true, values: { 20000: 'Routing ASR', 20001: 'RoutingACD', 20002: 'routing concurrency decline', 20003: 'CPU', 20004: 'Memory', 20005: 'Harddisk', 20006: 'Pending CDR', 20007: 'Account Balance', 20009: 'Package receive', 20010: 'Bytes receive', 20011: 'Package transmit', 20012: 'Bytes transmit', 20013: 'MappingASR', 20014: 'MappingACD', 20015: 'Mapping concurrency decline', 20016: 'Converstion time', 20017: 'Database', 20018: 'Process terminated', 20019: 'Standby enable', 20020: 'Illegal call', 20021: 'Clock deviation', 20022: 'Routing concurrency rise', 20023: 'Mapping concurrency rise', 20026: 'Mac limited', 20027: 'Master synchronize status', 20028: 'Slave synchronize status' }, closed: true, description: 'Alarm type' },
    { name: 'level', type: 'integer', required: true, values: { 0: 'General', 1: 'Minor', 2: 'Major', 3: 'Critical' }, closed: true, description: 'Level' },
    { name: 'name', type: 'string', required: true, description: 'Alarm name' },
    { name: 'startTime', type: 'long', required: true, description: 'Alarm start time(UTC)' },
    { name: 'stopTime', type: 'long', description: 'Alarm stop time(UTC)' },
    { name: 'value', type: 'double', required: true, description: 'Alarm value' },
    { name: 'upper', type: 'double', description: 'Alarm upper value' },
    { name: 'lower', type: 'double', description: 'Alarm lower value' },
    { name: 'confirmUser', type: 'string', description: 'Confirm user' },
    { name: 'confirmTime', type: 'long', description: 'Confirm time(UTC)' },
    { name: 'memo', type: 'string', required: true, description: 'Memo' },
  ],
};
