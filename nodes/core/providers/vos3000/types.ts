/**
 * The shape of the VOS3000 operation tables (VOS3000 Web Interface for Third Party 2.1.7.0,
 * section 2). Each group file holds plain data in these types; names are kept exactly as the
 * document prints them once the PDF's column wraps are repaired (AMBIGUITIES.md item 23).
 */

/** A scalar as the document types it: String, Integer/int, Long/long, Double/double, Boolean. */
export type VosScalarType = 'string' | 'integer' | 'long' | 'double' | 'boolean';

/** The editor's groups of operations, in menu order. */
export type VosGroupId =
  | 'customers'
  | 'phones'
  | 'gatewayMapping'
  | 'gatewayRouting'
  | 'calls'
  | 'payments'
  | 'suites'
  | 'phoneCards'
  | 'boundE164s'
  | 'feeRates'
  | 'cdrsReports'
  | 'phoneBooks'
  | 'ivrAudio'
  | 'e164Convert'
  | 'alarms';

/** Date formats the document uses for String times (§2.45 pay history, §2.46 CDRs). */
export type VosDateFormat = 'yyyyMMdd' | 'yyyyMMddHHmmss';

export interface VosField {
  /** The JSON key, exactly as documented (case matters: `CallIds`, `E164s`, `Password`). */
  readonly name: string;
  /** A scalar, or 'struct' for one of the nested Info* formats named by `struct`. */
  readonly type: VosScalarType | 'struct';
  readonly struct?: string;
  /** Documented as `Type[]`. */
  readonly array?: boolean;
  /**
   * A plural name typed as a scalar (`ids` §2.70, `accounts` §2.48, `CallIds` §2.75,
   * AMBIGUITIES.md item 22): one value or a list are both accepted and sent as given.
   */
  readonly acceptsList?: boolean;
  /** "M" in the document. */
  readonly required?: boolean;
  /** Maximum length of a String (ignored for numbers: item 24). */
  readonly length?: number;
  /** Date format of a String time. */
  readonly format?: string;
  /** Codes the document names: code -> meaning (e.g. DTMF modes, lock types, call states). */
  readonly values?: Readonly<Record<string, string>>;
  /** Only the listed codes are valid (otherwise the names are informative, e.g. -1 = system default). */
  readonly closed?: boolean;
  /** The documented default, as printed. */
  readonly default?: string;
  readonly description: string;
}

export interface VosOperation {
  /** The path element after /external/server/ (from the documented URL, not the heading). */
  readonly name: string;
  /** Section number in the document, e.g. '2.20'. */
  readonly section: string;
  readonly title: string;
  readonly group: VosGroupId;
  /** "One of parameters is needed at least.": at least one of these must be given. */
  readonly atLeastOne?: readonly string[];
  readonly request: readonly VosField[];
  readonly response: readonly VosField[];
}

/** The nested Info* formats by name. */
export type VosStructs = Readonly<Record<string, readonly VosField[]>>;
