import type { Node } from 'node-red';
import type { Logger } from '../core/logger';

/** The core's Logger onto a Node-RED node's own log, so levels and node ids come out right. */
export function nodeLogger(node: Node): Logger {
  return {
    trace: (m) => node.trace(m),
    debug: (m) => node.debug(m),
    warn: (m) => node.warn(m),
    error: (m) => node.error(m),
  };
}
