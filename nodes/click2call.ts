import type { NodeAPI } from 'node-red';
import { registerOperationNode } from './shared/operation-node';

/** Start and end two-leg calls: Voicenter §1.2-§1.5, iexpbx callnumber / callback / hangupcall. */
export = function (RED: NodeAPI) {
  registerOperationNode(RED, {
    type: 'click2call',
    operations: {
      voicenter: ['call', 'message', 'callference', 'terminate'],
      iexpbx: ['callnumber', 'callback', 'hangupcall'],
    },
  });
};
