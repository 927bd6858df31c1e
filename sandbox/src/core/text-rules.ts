// Text limits and the characters a QIWI answer can carry.
//
// pull-rest-api-2.1.md §4.4 (bill-payments-rest-api-1.0.0.md §7.1 "XML is available"): the answer MUST be
// well-formed XML, and XML 1.0 (§2.2 "Char") cannot carry C0 controls other than tab/LF/CR, lone
// surrogates, U+FFFE or U+FFFF, not even as character references. A value holding one of them is therefore
// refused on the way in, with the error code the §5.1 table gives the parameter (341 for required ones,
// 5 for optional ones and ids — §11 "invalid data in request parameters").
//
// Type lengths such as String(255) count characters (Unicode code points), not UTF-16 units, so a comment
// of 255 emoji fits (§5.1 rows 15 and 18, §7.3 String(30)).

const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Number of Unicode code points (a lone surrogate counts as one). */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** True when every character can appear in an XML 1.0 document. */
export function xmlSafe(text: string): boolean {
  return !XML_FORBIDDEN.test(text);
}

/** A value QIWI would store: at most `max` characters, all of them carriable in an XML answer. */
export function fitsText(text: string, max: number): boolean {
  return xmlSafe(text) && charLength(text) <= max;
}
