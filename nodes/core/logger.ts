/**
 * The core's only way to say something. Nodes map it onto node.trace/debug/warn/error, so the
 * core never writes to the console and never needs Node-RED.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  warn() {},
  error() {},
};
