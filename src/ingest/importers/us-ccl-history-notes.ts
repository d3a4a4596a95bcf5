// The eCFR NOTE blocks of a history version as ProvisionNote fields: the label as the text
// starts ("Note 3", "Technical Notes to 2B001", "N.B. 1", "License Requirements Note"), the
// kind that label names (a Note unless it says Technical Note or N.B.), and the CCL codes the
// text mentions. The text itself stays verbatim. A block that starts with no label (the source
// splits some notes into several blocks: "4. Having any of the following: ...") is labelled
// with its first word and marked unlabelled. Pure text processing.
import type { ProvisionNoteKind } from '../../generated/prisma/client.js';

export interface HistoryNoteFields {
  kind: ProvisionNoteKind;
  label: string;
  /** False when the block does not start with a note label. */
  labelled: boolean;
  codesMentioned: string[];
}

// A note word with its number ("Note 3", "N.B. 1", "Technical Notes").
const NOTE_WORD =
  /^(?:Technical\s+Notes?|Heading\s+Note|License\s+Requirements?\s+Notes?|Control\s+Note|Notes?|N\.\s?B\.)(?![A-Za-z])(?:\s?\d+)?/i;
// What a label may add before its colon: " to 6A003.b.4", " for paragraphs a and b" (one line,
// no sentence end: "Note to ECCN 0A983. In this ECCN, ..." is labelled "Note").
const LABEL_TAIL = /^(?:\s+(?:to|for)\s+[^:\n]{1,120})?\s*:/i;
const SENTENCE_END = /\.\s+[A-Z\u201c"]/;
const CCL_CODE = /\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*/g;

export function noteFields(text: string): HistoryNoteFields {
  const trimmed = text.trim();
  const word = NOTE_WORD.exec(trimmed);
  const codesMentioned = [...new Set(trimmed.match(CCL_CODE) ?? [])];
  if (!word) {
    const first = trimmed.split(/\s+/)[0] ?? '';
    return { kind: 'NOTE', label: first, labelled: false, codesMentioned };
  }
  const found = LABEL_TAIL.exec(trimmed.slice(word[0].length));
  const tail = found && !SENTENCE_END.test(found[0]) ? found : null;
  const label = (tail ? trimmed.slice(0, word[0].length + tail[0].length - 1) : word[0]).trim();
  const lower = label.toLowerCase();
  const kind: ProvisionNoteKind = lower.startsWith('technical note')
    ? 'TECHNICAL_NOTE'
    : /^n\.\s?b\./.test(lower)
      ? 'NB'
      : 'NOTE';
  return { kind, label, labelled: true, codesMentioned };
}
