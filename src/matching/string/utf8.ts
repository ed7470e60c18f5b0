/**
 * DuckDB's string functions (`jaro_winkler_similarity`, `levenshtein`, `damerau_levenshtein`)
 * work on the UTF-8 bytes of a string, not on characters: `levenshtein('é', 'e')` is 2 there.
 * The in-process functions compare the same bytes so that both executions give the same weights.
 */
const encoder = new TextEncoder();

/**
 * True when every UTF-16 unit of `text` is below 128, so its bytes, units and characters
 * coincide.
 * @param text - any string
 */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0x7f) {
      return false;
    }
  }
  return true;
}

/**
 * The UTF-8 bytes of a string; plain ASCII (the normal case after normalisation) skips the encoder.
 * @param text - any string
 * @returns one number per UTF-8 byte
 */
export function utf8Bytes(text: string): Uint8Array {
  if (!isAscii(text)) {
    return encoder.encode(text);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    out[i] = text.charCodeAt(i);
  }
  return out;
}
