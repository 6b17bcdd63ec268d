/**
 * TEMPORARY bridge until branch `sip-calls` is merged: loads nodes/core/sip/user-agent at run
 * time so this branch compiles without it. Replaced by a static import after the merge.
 */
import type { UserAgent, UserAgentOptions } from './ua-types';

export function createUserAgent(opts: UserAgentOptions): UserAgent {
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../core/sip/user-agent');
  } catch {
    throw new Error('the SIP user agent (core/sip/user-agent) is not part of this build');
  }
  const ctor = typeof mod === 'object' && mod !== null && 'UserAgent' in mod ? mod.UserAgent : undefined;
  if (typeof ctor !== 'function') throw new Error('core/sip/user-agent does not export UserAgent');
  return new (ctor as new (o: UserAgentOptions) => UserAgent)(opts);
}
