/**
 * The media core's public surface: see README.md beside this file.
 */
export { MediaEngine, Conference, type MediaOptions } from './engine';
export {
  MediaSession, type MediaStats, type MediaSessionEvents, type DtmfEvent, type PlayEndedEvent, type RecordEndedEvent,
  type RecordOptions, type AudioFrameInfo,
} from './session';
export { type PlaySource, type PlayOptions, type PlayFileSpec, type PlayEndReason, type RawFormat } from './player';
export { type ToneSpec, type ToneName } from './audio-source';
export { type RecordEndReason } from './recorder';
export { type CodecName, type Direction, type PlaybackId, MediaNegotiationError } from './types';
export * as g711 from './g711';
export * as wav from './wav';
export { resample } from './resample';
export { PacketScheduler } from './scheduler';
