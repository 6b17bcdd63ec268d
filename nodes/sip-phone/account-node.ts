import type { Node } from 'node-red';
import type { AccountCredentials } from './account-config';
import type { AccountRuntime } from './account-runtime';

/** What a sip-phone sees of its sip-account config node. */
export interface SipAccountNode extends Node<AccountCredentials> {
  /** undefined when the configuration is invalid; `configError` then says why. */
  runtime: AccountRuntime | undefined;
  configError: string | undefined;
  accountName: string;
}
