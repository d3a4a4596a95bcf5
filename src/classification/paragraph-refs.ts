// Paragraph references as the CCL writes them inside an entry's own text ("6A003.b.3, b.4.a and
// .c", "a.3 through a.6", "6A002.a.3.a to 6A002.a.3.e"), made absolute against the entry, and
// how two codes relate (one under the other). Used to read the scope of control-table lines and
// of the License Exceptions section ("N/A for 6A003.a.3 through a.6, b.1, b.3 and b.4").

const FULL_REF = /\b(\d[A-E]\d{3})((?:\.[a-z0-9]+)*)/g;
/** A relative reference: ".c", ".a.2" or "b.4.a" (a bare letter is a word, not a reference). */
const RELATIVE_REF = /(?<![A-Za-z0-9.])(?:\.([a-z](?:\.[a-z0-9]+)*)|([a-z](?:\.[a-z0-9]+)+))(?![A-Za-z0-9])/g;
const ABBREVIATIONS = new Set(['e.g', 'i.e']);

export interface ParagraphRefs {
  /** References inside the entry, absolute ("6A003.b.4"). */
  own: string[];
  /** References to other entries ("6A004.a"). */
  other: string[];
}

/** `code` is `ancestor` or sits under it. */
export function isUnder(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

/** One of the two codes is the other or sits under it. */
export function overlaps(a: string, b: string): boolean {
  return isUnder(a, b) || isUnder(b, a);
}

/** The entry (ECCN) of a code: "6A003" for "6A003.b.4.b". */
export function entryOf(code: string): string {
  return code.split('.')[0] ?? code;
}

/** "a.3" .. "a.6" -> a.3, a.4, a.5, a.6; "a.3.a" .. "a.3.e" -> the letters between. */
function expandRange(from: string, to: string): string[] {
  const a = from.split('.');
  const b = to.split('.');
  const lastA = a.at(-1);
  const lastB = b.at(-1);
  if (a.length !== b.length || lastA === undefined || lastB === undefined) return [from, to];
  if (a.slice(0, -1).join('.') !== b.slice(0, -1).join('.')) return [from, to];
  const prefix = a.slice(0, -1).join('.');
  const join = (last: string) => (prefix ? `${prefix}.${last}` : last);
  if (/^\d+$/.test(lastA) && /^\d+$/.test(lastB) && Number(lastA) <= Number(lastB)) {
    const out: string[] = [];
    for (let n = Number(lastA); n <= Number(lastB); n++) out.push(join(String(n)));
    return out;
  }
  if (/^[a-z]$/.test(lastA) && /^[a-z]$/.test(lastB) && lastA <= lastB) {
    const out: string[] = [];
    for (let c = lastA.charCodeAt(0); c <= lastB.charCodeAt(0); c++) out.push(join(String.fromCharCode(c)));
    return out;
  }
  return [from, to];
}

/** The paragraph references in `text`, absolute against `entry`, ranges expanded. */
export function paragraphRefs(text: string, entry: string): ParagraphRefs {
  // Each reference found, in text order, with where it ends, so "X through Y" can be expanded.
  const found: { code: string; start: number; end: number }[] = [];
  let masked = text;
  for (const match of text.matchAll(FULL_REF)) {
    const code = `${match[1] ?? ''}${match[2] ?? ''}`;
    found.push({ code, start: match.index, end: match.index + match[0].length });
    masked = masked.slice(0, match.index) + ' '.repeat(match[0].length) + masked.slice(match.index + match[0].length);
  }
  for (const match of masked.matchAll(RELATIVE_REF)) {
    const relative = match[1] ?? match[2] ?? '';
    if (ABBREVIATIONS.has(relative)) continue;
    found.push({ code: `${entry}.${relative}`, start: match.index, end: match.index + match[0].length });
  }
  found.sort((a, b) => a.start - b.start);
  const codes: string[] = [];
  for (let index = 0; index < found.length; index++) {
    const current = found[index];
    const next = found[index + 1];
    if (current === undefined) continue;
    const between = next ? text.slice(current.end, next.start) : '';
    if (next && /^\s*(through|to)\s*$/.test(between)) {
      codes.push(...expandRange(current.code, next.code));
      index++;
    } else {
      codes.push(current.code);
    }
  }
  const unique = [...new Set(codes.map((code) => code.replace(/\.$/, '')))];
  return {
    own: unique.filter((code) => entryOf(code) === entry),
    other: unique.filter((code) => entryOf(code) !== entry),
  };
}
