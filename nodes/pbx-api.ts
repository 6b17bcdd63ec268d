import type { NodeAPI } from 'node-red';
import { registerOperationNode } from './shared/operation-node';

/** Monitoring and admin calls: Voicenter §3, §7, §8, §10; iexpbx lists, CDRs, recordings. */
export = function (RED: NodeAPI) {
  registerOperationNode(RED, {
    type: 'pbx-api',
    operations: {
      voicenter: ['GetCallLog', 'GetExtensionsCalls', 'GetQueuesCallers', 'GetExtensions', 'Login', 'Logout', 'SetStatus'],
      iexpbx: ['activecalls', 'cdr', 'users', 'queues', 'record', 'phonedirectory'],
    },
  });
};
