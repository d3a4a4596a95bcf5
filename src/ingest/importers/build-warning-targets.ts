// The build warnings of the printed-list files name the record a parse decision concerns:
//   note "Note" on p117 nested into "Note 4" (6.A.3.b.4) by its text reference
//   note 'Technical Note:' (p12) nested into 'Note 2:' of 6A002.a.3 because d. continues its list
//   label c. p13 placed at 6A002.a.3.c (Wassenaar text match 1.00) rather than deepest ...
// Each is kept on that record (a note, or a paragraph); a warning naming no record found in
// the file is kept with the list instead (see the importers).

export type BuildWarningTarget =
  { kind: 'note'; marker: string; code: string } | { kind: 'provision'; code: string } | { kind: 'none' };

const NESTED_INTO = /nested into (?:"([^"]+)" \(([^)\s]+)\)|'([^']+)' of (\S+))/;
const PLACED_AT = /^label \S+ p\d+ placed at (\S+)/;

export function buildWarningTarget(warning: string): BuildWarningTarget {
  const nested = NESTED_INTO.exec(warning);
  if (nested) {
    const marker = nested[1] ?? nested[3];
    const code = nested[2] ?? nested[4];
    if (marker && code) return { kind: 'note', marker, code };
  }
  const placed = PLACED_AT.exec(warning);
  if (placed?.[1]) return { kind: 'provision', code: placed[1] };
  return { kind: 'none' };
}

/** Where a note sits: the paragraph it is attached to and the one it is printed after. */
export interface NotePlace {
  marker: string;
  attached_to: string;
  printed_after?: unknown;
}

/** Whether a warning aimed at a note concerns this one (named by where it is attached or printed). */
export function warningConcernsNote(target: BuildWarningTarget, note: NotePlace): boolean {
  return (
    target.kind === 'note' &&
    target.marker === note.marker &&
    (target.code === note.attached_to || target.code === note.printed_after)
  );
}

/** The warnings that concern one record, and the ones that concern none of the records given. */
export class BuildWarnings {
  private readonly targets: Array<{ warning: string; target: BuildWarningTarget; placed: boolean }>;

  constructor(warnings: readonly string[]) {
    this.targets = warnings.map((warning) => ({ warning, target: buildWarningTarget(warning), placed: false }));
  }

  forNote(note: NotePlace): string[] {
    return this.take((target) => warningConcernsNote(target, note));
  }

  forProvision(code: string): string[] {
    return this.take((target) => target.kind === 'provision' && target.code === code);
  }

  /** Warnings no record claimed (after every record was asked). */
  unplaced(): string[] {
    return this.targets.filter((item) => !item.placed).map((item) => item.warning);
  }

  private take(concerns: (target: BuildWarningTarget) => boolean): string[] {
    const found = this.targets.filter((item) => concerns(item.target));
    for (const item of found) item.placed = true;
    return found.map((item) => item.warning);
  }
}
