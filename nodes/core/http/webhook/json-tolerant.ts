/**
 * JSON as PBXs print it. Strict JSON first; if that fails, one second try that accepts the two
 * liberties in Voicenter's printed requests: unquoted keys (`{ METHOD: "GET_IVR_ACTION", ... }`,
 * Voicenter §5.1 JSON example) and trailing commas. Nothing else is relaxed, and strings are
 * never touched: the rewrite only happens outside string literals.
 */
export function parseJsonTolerant(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (strictError) {
    const relaxed = relax(text);
    if (relaxed === text) throw strictError;
    try {
      return JSON.parse(relaxed);
    } catch {
      throw strictError;
    }
  }
}

const identStart = /[A-Za-z_$]/;
const identPart = /[A-Za-z0-9_$]/;

function relax(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // copy a string literal verbatim
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (identStart.test(c)) {
      let j = i + 1;
      while (j < n && identPart.test(text[j])) j++;
      const word = text.slice(i, j);
      let k = j;
      while (k < n && /\s/.test(text[k])) k++;
      const isKey = text[k] === ':' && !['true', 'false', 'null'].includes(word);
      out += isKey ? JSON.stringify(word) : word;
      i = j;
    } else if (c === ',') {
      let k = i + 1;
      while (k < n && /\s/.test(text[k])) k++;
      if (text[k] !== '}' && text[k] !== ']') out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
