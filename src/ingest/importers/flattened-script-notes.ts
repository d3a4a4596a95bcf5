// The source files' notes on superscripts and subscripts their text lost, e.g.
// "Superscripts flattened in the PDF text layer: '10-8' = 10^{-8}; 'm2/s' = m^2/s." (UK notes
// add a sentence on where the reading comes from). The note is kept verbatim; its pairs are
// read out as { verbatim, reading } so a figure can be read without parsing prose. A note
// whose pairs cannot be read back into exactly the same text gets no readings (never a guess).

export interface FlattenedReading {
  /** The token as the flattened text prints it ("10-8"). */
  verbatim: string;
  /** Its reading as the source file gives it ("10^{-8}"). */
  reading: string;
}

export interface FlattenedScriptNote {
  /** The source's note, verbatim. */
  note: string;
  /** The pairs the note lists, in its order; null when they could not be read exactly. */
  readings: FlattenedReading[] | null;
}

// A reading ends at "; '" (next pair) or at a full stop followed by a space or the end.
const PAIR = /'((?:[^']|'(?! = ))+)' = (.+?)(?=; '|\.(?:\s|$))/g;

export function readFlattenedScriptNote(note: string): FlattenedScriptNote {
  const colon = note.indexOf(': ');
  if (colon < 0) return { note, readings: null };
  const head = note.slice(0, colon + 2);
  const body = note.slice(colon + 2);
  const readings: FlattenedReading[] = [];
  let end = 0;
  for (const match of body.matchAll(PAIR)) {
    const expectedStart = readings.length === 0 ? 0 : end + 2;
    if (match.index !== expectedStart) return { note, readings: null };
    readings.push({ verbatim: match[1] ?? '', reading: match[2] ?? '' });
    end = match.index + match[0].length;
  }
  if (readings.length === 0) return { note, readings: null };
  const rebuilt = `${head}${readings.map((pair) => `'${pair.verbatim}' = ${pair.reading}`).join('; ')}${body.slice(end)}`;
  if (rebuilt !== note || !body.slice(end).startsWith('.')) return { note, readings: null };
  return { note, readings };
}
