// VOS3000 web interface 2.1.7.0, section 2: calls operations (plain data, one entry per operation).
import type { VosOperation, VosStructs } from './types';

export const operations: readonly VosOperation[] = [
  {
    name: 'GetCurrentCall',
    section: '2.20',
    title: 'Get Current Call',
    group: 'calls',
    request: [
      { name: 'callerE164s', type: 'string', array: true, description: 'Caller' },
      { name: 'calleeE164s', type: 'string', array: true, description: 'Callee' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
      { name: 'infoCurrentCalls', type: 'struct', struct: 'InfoCurrentCall', array: true, description: 'Current Call Information' },
    ],
  },
  {
    name: 'DisconnectCurrentCall',
    section: '2.75',
    title: 'Disconnect Current Call',
    group: 'calls',
    request: [
      { name: 'CallIds', type: 'integer', acceptsList: true, required: true, description: 'Call Id' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'CallBack',
    section: '2.59',
    title: 'Callback',
    group: 'calls',
    request: [
      { name: 'callerE164', type: 'string', required: true, description: 'Caller (Input by User)' },
      { name: 'calleeE164s', type: 'string', required: true, description: 'Callee (Use "," to separate numbers)' },
      { name: 'accessE164', type: 'string', required: true, description: 'Access Number (Number of phone, which provides callback service.)' },
      { name: 'accessE164Password', type: 'string', required: true, description: 'Access Password (Phone\'s password)' },
      { name: 'callbackBillingE164', type: 'string', description: 'Call Back Charge Number' },
      { name: 'callbackBillingPassword', type: 'string', description: 'Call Back Charge Password' },
      { name: 'calloutBillingE164', type: 'string', description: 'Callout Charge Number' },
      { name: 'calloutBillingPassword', type: 'string', description: 'Callout Charge Password' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'PlayAudio',
    section: '2.60',
    title: 'Play Audio',
    group: 'calls',
    request: [
      { name: 'audioes', type: 'string', required: true, description: 'Audio List, separate by comma' },
      { name: 'language', type: 'string', default: 'Use accessE164’s language', description: '' },
      { name: 'callee', type: 'string', required: true, description: 'Callee' },
      { name: 'accessE164', type: 'string', required: true, description: 'Access Number (Number of phone, which provides callback service.)' },
      { name: 'accessE164Password', type: 'string', required: true, description: 'Access Password (Phone\'s password)' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
  {
    name: 'ReserveCalleeE164',
    section: '2.65',
    title: 'Reserve CalleeE164',
    group: 'calls',
    request: [
      { name: 'callerE164', type: 'string', required: true, description: 'Caller Number' },
      { name: 'calleeE164', type: 'string', required: true, description: 'Callee Number' },
      { name: 'accessE164', type: 'string', required: true, description: 'Access Number (Number of phone, which provides callback service.)' },
      { name: 'accessE164Password', type: 'string', required: true, description: 'Access Password (Phone\'s password)' },
    ],
    response: [
      { name: 'retCode', type: 'integer', required: true, description: 'Response Code' },
      { name: 'exception', type: 'string', description: 'Error Information' },
    ],
  },
];

export const structs: VosStructs = {
  // §2.20
  InfoCurrentCall: [
    { name: 'callerE164', type: 'string', required: true, description: 'Caller' },
    { name: 'calleeE164', type: 'string', required: true, description: 'Callee' },
    { name: 'callerGatewayId', type: 'string', required: true, description: 'Caller Gateway' },
    { name: 'calleeGatewayId', type: 'string', required: true, description: 'Callee Gateway' },
    { name: 'connectedTime', type: 'long', required: true, description: 'Connected Time (UTC)' },
    { name: 'keepTime', type: 'long', required: true, values: { '-1': 'Setup', '-2': 'CallProceeding', '-3': 'CallProceeding(RTP)', '-4': 'Progress', '-5': 'Alerting', '-6': 'Connect', '-7': 'Invite', '-8': 'Trying', '-9': 'SessionProgress', '-10': 'SessionProgress(SDP)', '-11': 'Ringing', '-12': 'Ok', '-13': 'Release', '-14': 'Transfering', '-15': 'TransferOk', '-16': 'TransferFailed', '-17': 'TransferCancel' }, description: 'Above 0: Duration (Unit: Million Second)' },
    { name: 'callCodec', type: 'string', required: true, description: 'Call Codec' },
    { name: 'callerCodec', type: 'string', required: true, description: 'Caller Codec' },
    { name: 'calleeCodec', type: 'string', required: true, description: 'Callee Codec' },
    { name: 'callerRtpIp', type: 'string', required: true, description: 'Caller RTP Information' },
    { name: 'calleeRtpIp', type: 'string', required: true, description: 'Callee RTP Information' },
    { name: 'callerReceiveDtmf', type: 'integer', required: true, values: { 0: 'Auto', 10: 'RFC2833', 20: 'H.245 alphanumeric', 30: 'H.245 signal', 40: 'Q.931 keypad', 50: 'SIP Info', 60: 'Off' }, closed: true, description: 'Caller Receive DTMF Mode' },
    { name: 'callerSendDtmf', type: 'integer', required: true, values: { 0: 'Auto', 10: 'RFC2833', 20: 'H.245 alphanumeric', 30: 'H.245 signal', 40: 'Q.931 keypad', 50: 'SIP Info', 60: 'Off' }, closed: true, description: 'See callerReceiveDtmf' },
    { name: 'calleeReceiveDtmf', type: 'integer', required: true, values: { 0: 'Auto', 10: 'RFC2833', 20: 'H.245 alphanumeric', 30: 'H.245 signal', 40: 'Q.931 keypad', 50: 'SIP Info', 60: 'Off' }, closed: true, description: 'See callerReceiveDtmf' },
    { name: 'calleeSendDtmf', type: 'integer', required: true, values: { 0: 'Auto', 10: 'RFC2833', 20: 'H.245 alphanumeric', 30: 'H.245 signal', 40: 'Q.931 keypad', 50: 'SIP Info', 60: 'Off' }, closed: true, description: 'See callerReceiveDtmf' },
    { name: 'callerInfoRtpFlowAudio', type: 'struct', struct: 'InfoRtpFlow', required: true, description: 'Caller Audio Information' },
    { name: 'calleeInfoRtpFlowAudio', type: 'struct', struct: 'InfoRtpFlow', required: true, description: 'Callee Audio Information' },
    { name: 'callerInfoRtpFlowVideo', type: 'struct', struct: 'InfoRtpFlow', required: true, description: 'Caller Video Information' },
    { name: 'calleeInfoRtpFlowVideo', type: 'struct', struct: 'InfoRtpFlow', required: true, description: 'Callee Video Information' },
    { name: 'callerTerminal', type: 'string', required: true, description: 'Caller Device Name' },
    { name: 'calleeTerminal', type: 'string', required: true, description: 'Callee Device Name' },
    { name: 'callerCryptoType', type: 'integer', required: true, values: { 0: 'No Encryption', 1: 'RC4' }, closed: true, description: 'Caller Encryption Type' },
    { name: 'calleeCryptoType', type: 'integer', required: true, values: { 0: 'No Encryption', 1: 'RC4' }, closed: true, description: 'Callee Encryption Type' },
    { name: 'callId', type: 'integer', required: true, description: 'Call ID' },
  ],
  // §2.20
  InfoRtpFlow: [
    { name: 'rtpPackets', type: 'integer', required: true, description: 'Receive Packets' },
    { name: 'rtpBytes', type: 'integer', required: true, description: 'Receive Bytes' },
    { name: 'rtpDuration', type: 'long', required: true, description: 'Duration (Unit: Micro Second)' },
  ],
};
