import type { NodeAPI } from 'node-red';
import { registerOperationNode } from './shared/operation-node';

/** The 15 Voicenter dialer operations (§6) and the iexpbx outgoing IVR call. */
export = function (RED: NodeAPI) {
  registerOperationNode(RED, {
    type: 'dialer',
    operations: {
      voicenter: [
        'AddCall', 'AddCallsBulk', 'RemoveCall', 'UpdateCall', 'GetCampaignList', 'GetCampaignDetails',
        'GetCampaignPendingCalls', 'GetMembersList', 'AddMember', 'RemoveMember', 'StartCampaign',
        'StopCampaign', 'UpdateCampaignStrategy', 'ClearCampaignCalls', 'ConfigureIvrCampaign',
      ],
      iexpbx: ['callivr'],
    },
  });
};
