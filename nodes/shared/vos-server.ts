/** What `vos-api` nodes see of their `vos-server` config node. */
import type { Node, NodeDef } from 'node-red';
import type { VosClient } from '../core/providers/vos3000/client';
import type { VosTimeZone } from '../core/providers/vos3000/dates';

export interface VosServerDef extends NodeDef {
  url: string;
  timeout: string | number;
  headers: string;
  timeZone: string;
}

export interface VosServerCredentials {
  username?: string;
  password?: string;
}

export interface VosServerNode extends Node<VosServerCredentials> {
  /** The shared client, or undefined with `configError` saying why. */
  vos?: VosClient;
  configError?: string;
  timeZone: VosTimeZone;
  timeoutMs: number;
}

/** Extra headers from the editor's JSON field: an object of string values, or an error. */
export function parseHeaders(text: string | undefined): Record<string, string> {
  if (!text || !text.trim()) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('headers must be a JSON object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`header ${k} must be a string`);
    out[k] = String(v);
  }
  return out;
}

