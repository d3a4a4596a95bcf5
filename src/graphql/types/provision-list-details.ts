// The fields of a provision that only some lists carry: the printed and Wassenaar codes, regime
// markers, and what the source text lost or got wrong (kept visible, never repaired).
import { builder } from '../builder.js';

builder.prismaObjectFields('ControlProvision', (t) => ({
  printedCode: t.exposeString('printedCode', {
    nullable: true,
    description:
      'The code as the list prints it where it differs from `code` (the Wassenaar List prints "6.A.3.b.4" for 6A003.b.4); null when the same.',
  }),
  wassenaarCode: t.exposeString('wassenaarCode', {
    nullable: true,
    description: 'The Wassenaar code a national list gives for this provision (UK list); null when it gives none.',
  }),
  regimeMarkers: t.exposeStringList('regimeMarkers', {
    description:
      'Regime markers exactly as the list prints them (UK list: "[W]", "[WS*]", "[N5B3]" ...), not interpreted; empty when none.',
  }),
  exponentNotes: t.expose('exponentNotes', {
    type: 'JSON',
    nullable: true,
    description:
      'Superscripts the source text lost, as the source file records them: the verbatim token ("4 × 106"), its reading ("4 × 10^6") and value. Read figures through these; null when none.',
  }),
  numberFormatNotes: t.expose('numberFormatNotes', {
    type: 'JSON',
    nullable: true,
    description: 'Thousands separators the source text lost ("1000000" read "1 000 000"), as recorded; null when none.',
  }),
  sourceDefects: t.expose('sourceDefects', {
    type: 'JSON',
    nullable: true,
    description:
      'Defects of the source at this provision (odd codes, flattened formulas, misplaced items), kept as the source gives them and never repaired; each says what is wrong and, where known, the probable official reading. Null when none.',
  }),
}));
