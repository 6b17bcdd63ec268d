/** Dates in the document's String formats (§2.45 `yyyyMMddHHmmss`, §2.46 `yyyyMMdd`). */

export type VosTimeZone = 'local' | 'utc';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Formats a Date as `yyyyMMdd` or `yyyyMMddHHmmss`, in the host's local time or in UTC. */
export function formatVosDate(d: Date, format: string, zone: VosTimeZone): string {
  const utc = zone === 'utc';
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = (utc ? d.getUTCMonth() : d.getMonth()) + 1;
  const day = utc ? d.getUTCDate() : d.getDate();
  const date = `${pad(y, 4)}${pad(mo)}${pad(day)}`;
  if (format === 'yyyyMMdd') return date;
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  return `${date}${pad(h)}${pad(mi)}${pad(s)}`;
}

/** A string already in the format: digits only, right length, plausible month/day/time. */
export function isVosDateString(v: string, format: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(v);
  if (!m) return false;
  if ((format === 'yyyyMMdd') !== (m[4] === undefined)) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  return true;
}
