/**
 * The values an XML-RPC document carries, as the `xmlrpc` package's deserialiser returns them
 * (http://xmlrpc.com/spec.md): i4/int/double as numbers, i8 as a decimal string (it may not fit
 * a double), boolean, string, dateTime.iso8601 as Date, base64 as Buffer, nil as null, arrays
 * and structs.
 */
export type XmlRpcValue =
  | string
  | number
  | boolean
  | null
  | Date
  | Buffer
  | XmlRpcValue[]
  | XmlRpcStruct;

export interface XmlRpcStruct {
  [member: string]: XmlRpcValue;
}

/** A parsed `<methodCall>`. */
export interface XmlRpcCall {
  methodName: string;
  params: XmlRpcValue[];
}

export function isStruct(v: unknown): v is XmlRpcStruct {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}
