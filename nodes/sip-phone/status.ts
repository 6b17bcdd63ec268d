/**
 * The status dot of every sip-phone on an account: registration state, and the number of calls
 * that are not down. Returned as catalog keys so the node translates them.
 */
export type RegistrationState = 'stopped' | 'starting' | 'unregistered' | 'registering' | 'registered' | 'failed' | 'p2p' | 'error';

export interface PhoneStatus {
  fill: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape: 'ring' | 'dot';
  /** catalog key under sip-phone.status */
  key: string;
  params: Record<string, string | number>;
}

export function phoneStatus(reg: RegistrationState, activeCalls: number, detail?: string): PhoneStatus {
  const params: Record<string, string | number> = { calls: activeCalls, detail: detail ?? '' };
  const withCalls = activeCalls > 0;
  switch (reg) {
    case 'registered':
      return { fill: withCalls ? 'blue' : 'green', shape: 'dot', key: withCalls ? 'registeredCalls' : 'registered', params };
    case 'p2p':
      return { fill: withCalls ? 'blue' : 'green', shape: 'ring', key: withCalls ? 'p2pCalls' : 'p2p', params };
    case 'registering':
    case 'starting':
      return { fill: 'yellow', shape: 'ring', key: reg, params };
    case 'failed':
      return { fill: 'red', shape: 'ring', key: withCalls ? 'failedCalls' : 'failed', params };
    case 'error':
      return { fill: 'red', shape: 'dot', key: 'error', params };
    case 'unregistered':
      return { fill: 'grey', shape: 'ring', key: withCalls ? 'unregisteredCalls' : 'unregistered', params };
    case 'stopped':
      return { fill: 'grey', shape: 'ring', key: 'stopped', params };
  }
}
