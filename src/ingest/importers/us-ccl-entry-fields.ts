// Entry-level fields of a Commerce Control List ECCN from its eCFR-as-markdown `details`:
// reasons for control, the control table (country-chart columns), the list-based licence
// exceptions and the related controls. Pure text processing, no Prisma.

// A type alias, not an interface, so rows are assignable to JSON column values.
export type ControlTableRow = {
  control: string;
  /** Null when the row has a single cell (the chart column is folded into the control text). */
  countryChart: string | null;
};

export interface ParsedCclEntry {
  reasonsForControl: string[];
  controlTable: ControlTableRow[] | null;
  licenceExceptions: Record<string, string> | null;
  relatedControls: string | null;
}

/** "Category 6-Sensors and Lasers" -> "6". */
export function categoryNumber(categoryName: string): string {
  const match = /^Category\s+(\d+)/i.exec(categoryName.trim());
  if (!match?.[1]) throw new Error(`Category name "${categoryName}" does not start with "Category <number>"`);
  return match[1];
}

/** 'A. "End Items", ...' or 'Part 2-"Information Security" D. "Software"' -> the letter. */
export function productGroupLetter(productGroupName: string): string | null {
  const match = /(?:^|[\s"])([A-E])\.\s/.exec(productGroupName);
  return match?.[1] ?? null;
}

const REASONS_LINE = /^\s*\*Reasons? for Control:\*[ \t]*(.*)$/im;

export function parseReasonsForControl(details: string): string[] {
  const match = REASONS_LINE.exec(details);
  const raw = match?.[1]?.trim() ?? '';
  if (!raw || raw.includes('*')) return [];
  return (
    raw
      .split(/\s*,\s*|\s+and\s+/)
      .map((token) => token.trim().replace(/\.$/, ''))
      // "RS AT" / "MT NP": codes the source forgot to separate with a comma.
      .flatMap((token) => (/^(?:[A-Z]{2,3}\s+)+[A-Z]{2,3}$/.test(token) ? token.split(/\s+/) : [token]))
      .filter((token) => token.length > 0)
  );
}

const TABLE_SEPARATOR = /^\|[\s:|-]+\|?$/;

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** The first markdown table of the licence-requirements part, minus its header row. */
export function parseControlTable(details: string): ControlTableRow[] | null {
  const lines = details.split('\n');
  const end = lines.findIndex((line) =>
    /^\s*(List Based License Exceptions|License Exceptions|List of Items Controlled)/i.test(line),
  );
  const scope = end >= 0 ? lines.slice(0, end) : lines;
  const start = scope.findIndex((line) => line.trim().startsWith('|'));
  if (start < 0) return null;
  const tableLines: string[] = [];
  for (let index = start; index < scope.length; index += 1) {
    const line = scope[index] ?? '';
    if (!line.trim().startsWith('|')) break;
    tableLines.push(line);
  }
  const rows: ControlTableRow[] = [];
  tableLines.forEach((line, index) => {
    if (index === 0 || TABLE_SEPARATOR.test(line.trim())) return; // header and separator
    const cells = tableCells(line);
    const [control = '', ...rest] = cells;
    const chart = rest.filter((cell) => cell.length > 0).join(' | ');
    rows.push({ control, countryChart: chart.length > 0 ? chart : null });
  });
  return rows.length > 0 ? rows : null;
}

const EXCEPTION_KEY_PATTERNS: readonly RegExp[] = [
  /^((?:[A-Z][A-Za-z]*\s)+Notes?):\s*(.*)$/, // License Requirement Notes: (an unitalicised note heading)
  /^\*([^*:]{1,60}):\*\s*(.*)$/, // *LVS:* $1500   /   *License Exceptions Note:* ...
  /^\*([A-Z]{2,4})\*:\s*(.*)$/, // *TSR*: N/A
  /^([A-Z]{2,4}):\s*(.*)$/, // TSR: N/A
];

/** `*LVS:* ...`, `*GBS:* ...`, `*STA:* ...` (and any other labelled line) between the exception heading and the item list. */
export function parseLicenceExceptions(details: string): Record<string, string> | null {
  const lines = details.split('\n');
  let start = lines.findIndex((line) => /^\s*(List Based License Exceptions|License Exceptions\s*$)/i.test(line));
  // A few entries (e.g. 6A203) have the exception lines without their heading.
  if (start < 0)
    start =
      lines.findIndex((line) => /^\s*\*(LVS|GBS|TSR|STA|CIV|APP|ACA|IEC|AIA|ACM|LPP|ACE|ENC|HBM)\*?:/.test(line)) - 1;
  if (start < 0) return null;
  const out: Record<string, string> = {};
  let current: string | null = null;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (/^List of Items Controlled/i.test(line)) break;
    if (line.length === 0 || /^Special Conditions for STA$/i.test(line)) continue;
    let matched = false;
    for (const pattern of EXCEPTION_KEY_PATTERNS) {
      const match = pattern.exec(line);
      if (match?.[1]) {
        current = match[1].trim();
        out[current] = out[current] ? `${out[current]}\n${(match[2] ?? '').trim()}` : (match[2] ?? '').trim();
        matched = true;
        break;
      }
    }
    if (!matched && current) out[current] = out[current] ? `${out[current]}\n${line}` : line;
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function parseRelatedControls(details: string): string | null {
  const lines = details.split('\n');
  const start = lines.findIndex((line) => /^\s*\*Related [Cc]ontrols:\*/.test(line));
  if (start < 0) return null;
  const parts = [(lines[start] ?? '').replace(/^\s*\*Related [Cc]ontrols:\*\s*/, '')];
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (/^\s*\*?Related Definitions?:|^\s*\*?Items\*?:/i.test(line)) break;
    parts.push(line);
  }
  const text = parts.join('\n').trim();
  return text.length > 0 ? text : null;
}

export function parseCclEntry(details: string): ParsedCclEntry {
  return {
    reasonsForControl: parseReasonsForControl(details),
    controlTable: parseControlTable(details),
    licenceExceptions: parseLicenceExceptions(details),
    relatedControls: parseRelatedControls(details),
  };
}
