/** Timer values of RFC 3261 §17 / Table 4 (and RFC 6026's Timers L and M). */
export interface TimerConfig {
  /** RTT estimate, 500 ms by default. */
  T1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s. */
  T2: number;
  /** Maximum time a message stays in the network, 5 s. */
  T4: number;
}

export const DEFAULT_TIMERS: TimerConfig = { T1: 500, T2: 4000, T4: 5000 };

export function timers(partial?: Partial<TimerConfig>): TimerConfig {
  return { ...DEFAULT_TIMERS, ...(partial ?? {}) };
}
