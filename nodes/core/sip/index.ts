/** The SIP core's public surface, one import for the layers above. See README.md beside this file. */
export * from './errors';
export * from './grammar';
export * from './params';
export * from './uri';
export * from './message';
export * from './parser';
export * from './serializer';
export * from './builder';
export * from './status';
export * from './header-names';
export * from './headers/name-addr';
export * from './headers/via';
export * from './headers/cseq';
export * from './headers/auth';
export * from './headers/misc';
