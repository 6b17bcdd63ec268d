/** The provider core in one import, for nodes and for other engineers' nodes (cdr-in polling). */
export * from './operation';
export * from './result';
export {
  VoicenterApi,
  voicenterOperations,
  voicenterOperation,
  voicenterRateLimited,
  fetchVoicenterCallLog,
  VOICENTER_DEFAULT_URLS,
  normalise as normaliseVoicenter,
  type VoicenterHost,
  type RunOptions,
} from './voicenter/api';
export { IexpbxApi, fetchIexpbxCdr, iexpbxTime, normaliseCdr as normaliseIexpbxCdr, type IexpbxCdr, type IexpbxRunOptions } from './iexpbx/api';
export { iexpbxOperations, iexpbxOperation } from './iexpbx/operations';
