// The paragraph tree of a CCL entry: the lines of its "Items:" part that start with a
// paragraph marker (`a.`, `a.3.`, `a.5.a.`, `b.4.b.`, also `y.15 ...` without the final dot)
// become paragraphs; every other line belongs to the paragraph above it, so no text is
// dropped. Italic lines (`*Note:*`, `*Technical Note:*`, ...) after a paragraph's first
// line are its notes. Pure text processing, no Prisma.

export interface ParsedParagraph {
  /** Path below the entry, e.g. "a.5.a". */
  path: string;
  /** Path of the parent paragraph; null for top-level paragraphs (their parent is the entry). */
  parentPath: string | null;
  /** Position in the text (0-based), which also orders siblings. */
  ordinal: number;
  /** First line after the marker. */
  title: string;
  /** The paragraph's lines verbatim, marker included, up to the next marker. */
  text: string;
  /** The italic note block(s) inside `text`, verbatim; null when there are none. */
  notes: string | null;
}

export interface ParagraphTree {
  paragraphs: ParsedParagraph[];
  /** Text of the items part before the first marker (kept in the entry's own text). */
  preamble: string;
  /** Paths that occurred more than once; later occurrences were appended to the first. */
  duplicates: string[];
  /** Whether an items part was found at all. */
  hasItems: boolean;
}

// `a. text` (a single letter needs its dot) or `a.5.a. text` / `y.15 text` / `a.1.a.1.c.'Text`
// (a path of two or more segments, the second one numeric, with or without the final dot).
const MARKER = /^(?:([a-z])\.(?:\s+|$)|([a-z]\.\d+(?:\.(?:\d+|[a-z]))*)(?:\.\s*|\s+|$))/;
const ITEMS_LINE = /^\s*\*?Items\*?:\*?\s*(.*)$/;
const LIST_HEADING = /^\s*List of Items Controlled\b\s*(.*)$/;

export function paragraphMarker(line: string): { path: string; rest: string } | null {
  const trimmed = line.trim();
  if (trimmed.startsWith('*')) return null; // italic: note text, never a paragraph
  const match = MARKER.exec(trimmed);
  if (!match) return null;
  const path = match[1] ?? match[2];
  if (!path) return null;
  return { path, rest: trimmed.slice(match[0].length).trim() };
}

/** The lines of the items part: after "Items:" or, failing that, after "List of Items Controlled". */
function itemLines(details: string): string[] | null {
  const lines = details.split('\n');
  let index = lines.findIndex((line) => ITEMS_LINE.test(line));
  let pattern = ITEMS_LINE;
  if (index < 0) {
    index = lines.findIndex((line) => LIST_HEADING.test(line));
    pattern = LIST_HEADING;
  }
  if (index < 0) return null;
  const rest = pattern.exec(lines[index] ?? '')?.[1]?.trim() ?? '';
  const following = lines.slice(index + 1);
  return rest.length > 0 ? [rest, ...following] : following;
}

function parentOf(path: string, known: { has(path: string): boolean }): string | null {
  const segments = path.split('.');
  for (let length = segments.length - 1; length >= 1; length -= 1) {
    const candidate = segments.slice(0, length).join('.');
    if (known.has(candidate)) return candidate;
  }
  return null;
}

function splitNotes(blockLines: readonly string[]): string | null {
  const start = blockLines.findIndex((line, index) => index > 0 && line.trim().startsWith('*'));
  if (start < 0) return null;
  const notes = blockLines.slice(start).join('\n').trim();
  return notes.length > 0 ? notes : null;
}

export function parseCclParagraphs(details: string): ParagraphTree {
  const lines = itemLines(details);
  if (!lines) return { paragraphs: [], preamble: '', duplicates: [], hasItems: false };

  const preamble: string[] = [];
  const blocks: Array<{ path: string; rest: string; lines: string[] }> = [];
  for (const line of lines) {
    const marker = paragraphMarker(line);
    if (marker) {
      blocks.push({ path: marker.path, rest: marker.rest, lines: [line.trim()] });
    } else if (blocks.length > 0) {
      blocks[blocks.length - 1]?.lines.push(line);
    } else {
      preamble.push(line);
    }
  }

  const byPath = new Map<string, ParsedParagraph>();
  const paragraphs: ParsedParagraph[] = [];
  const duplicates: string[] = [];
  for (const block of blocks) {
    const text = block.lines.join('\n').trimEnd();
    const notes = splitNotes(block.lines);
    const first = byPath.get(block.path);
    if (first) {
      duplicates.push(block.path);
      first.text = `${first.text}\n\n${text}`;
      if (notes) first.notes = first.notes ? `${first.notes}\n\n${notes}` : notes;
      continue;
    }
    const title =
      block.rest.length > 0
        ? block.rest
        : (block.lines
            .slice(1)
            .find((line) => line.trim().length > 0)
            ?.trim() ?? block.path);
    const paragraph: ParsedParagraph = {
      path: block.path,
      parentPath: parentOf(block.path, byPath),
      ordinal: paragraphs.length,
      title,
      text,
      notes,
    };
    byPath.set(block.path, paragraph);
    paragraphs.push(paragraph);
  }
  return { paragraphs, preamble: preamble.join('\n').trim(), duplicates, hasItems: true };
}
