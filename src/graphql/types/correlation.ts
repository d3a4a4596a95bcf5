// Correlation: a recorded correspondence between provisions, and ControlProvision.correlations,
// which restates both stored directions from the viewed provision.
import { reverseCorrelationKind } from '../../domain/correlation-perspective.js';
import { CorrelationKind, Regime, type ControlProvision, type Correlation } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { CitationRef } from './citation.js';
import { ControlProvisionRef } from './control-provision.js';

export const CorrelationKindEnum = builder.enumType(CorrelationKind, {
  name: 'CorrelationKind',
  description: 'How one provision relates to another (read: "this provision is ... the other").',
  values: {
    EQUIVALENT: { description: 'Controls the same items with the same thresholds.' },
    NARROWER: { description: 'Controls a subset of what the other controls (stricter thresholds or fewer items).' },
    BROADER: { description: 'Controls more than the other (looser thresholds or more items).' },
    PARTIAL: { description: 'Overlaps the other in part; each controls something the other does not.' },
    UNASSESSED: { description: 'Recorded as corresponding, but how the scopes compare has not been assessed.' },
  },
});

export const CorrelationDirectionEnum = builder.enumType('CorrelationDirection', {
  description: 'Which side of a stored correlation the viewed provision is on.',
  values: {
    OUTGOING: { value: 'OUTGOING', description: 'The correlation was recorded from this provision to the other.' },
    INCOMING: {
      value: 'INCOMING',
      description:
        'The correlation was recorded from the other provision to this one; `kind` has been restated from this side.',
    },
  } as const,
});

export const CorrelationRef = builder.prismaNode('Correlation', {
  id: nodeIdOf('Correlation'),
  select: { id: true },
  nullable: true,
  description:
    'A recorded correspondence between two provisions, usually of different regimes (e.g. EAR 6A003 and EU Annex I 6A003), as stored: from one provision to another.',
  fields: (t) => ({
    from: t.relation('from', { description: 'The provision the correlation was recorded from.' }),
    to: t.relation('to', { description: 'The provision the correlation points to.' }),
    kind: t.expose('kind', { type: CorrelationKindEnum, description: 'How `from` relates to `to`.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'How the scopes or thresholds differ; null when nothing was recorded.',
    }),
    citation: t.relation('citation', {
      nullable: true,
      description: 'Source of the correlation; null when it was not taken from a source.',
    }),
  }),
});

/**
 * What `ControlProvision.correlations` loads of each stored correlation: at least these columns,
 * plus whatever the query asks under `correlation`, `provision` and `citation` (select mode).
 */
type CorrelationRow = Pick<Correlation, 'id' | 'kind' | 'note'> & { citation: { id: string } | null };
type OtherProvision = Pick<ControlProvision, 'id' | 'regime' | 'code'>;

export interface ProvisionCorrelationShape {
  direction: 'OUTGOING' | 'INCOMING';
  kind: CorrelationKind;
  note: string | null;
  other: OtherProvision;
  citation: { id: string } | null;
  /** The stored row, as recorded (from, to, kind not restated). */
  correlation: CorrelationRow;
}

export const ProvisionCorrelationRef = builder.objectRef<ProvisionCorrelationShape>('ProvisionCorrelation');

ProvisionCorrelationRef.implement({
  description: 'A provision recorded as corresponding to the viewed one, seen from the viewed provision.',
  fields: (t) => ({
    provision: t.field({
      type: ControlProvisionRef,
      description: 'The other provision.',
      resolve: (link) => link.other,
    }),
    correlation: t.field({
      type: CorrelationRef,
      description:
        'The stored correlation this entry restates, as recorded (its `id` can be passed to `node(id:)`; `from`, `to` and `kind` are as recorded, not restated from the viewed provision).',
      resolve: (link) => link.correlation,
    }),
    kind: t.expose('kind', {
      type: CorrelationKindEnum,
      description: 'How the viewed provision relates to the other one.',
    }),
    direction: t.expose('direction', {
      type: CorrelationDirectionEnum,
      description: 'Which side the correlation was recorded from.',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'How the scopes or thresholds differ; null when nothing was recorded.',
    }),
    citation: t.field({
      type: CitationRef,
      nullable: true,
      description: 'Source of the correlation; null when it was not taken from a source.',
      resolve: (link) => link.citation,
    }),
  }),
});

const REGIME_ORDER: readonly string[] = Object.values(Regime);

/** Both stored directions as one list, restated from the viewed provision, by regime and code. */
function mergeProvisionCorrelations(
  outgoing: ReadonlyArray<CorrelationRow & { to: OtherProvision }>,
  incoming: ReadonlyArray<CorrelationRow & { from: OtherProvision }>,
): ProvisionCorrelationShape[] {
  const links: ProvisionCorrelationShape[] = [
    ...outgoing.map((row) => ({
      direction: 'OUTGOING' as const,
      kind: row.kind,
      note: row.note,
      other: row.to,
      citation: row.citation,
      correlation: row,
    })),
    ...incoming.map((row) => ({
      direction: 'INCOMING' as const,
      kind: reverseCorrelationKind(row.kind),
      note: row.note,
      other: row.from,
      citation: row.citation,
      correlation: row,
    })),
  ];
  return links.sort(
    (a, b) =>
      REGIME_ORDER.indexOf(a.other.regime) - REGIME_ORDER.indexOf(b.other.regime) ||
      a.other.code.localeCompare(b.other.code) ||
      a.other.id.localeCompare(b.other.id),
  );
}

// ControlProvision's correlations are declared here, beside the types they return, so that the
// two type files do not import each other.
builder.prismaObjectFields('ControlProvision', (t) => ({
  correlations: t.field({
    type: [ProvisionCorrelationRef],
    description:
      'Provisions of other regimes (or of this one) recorded as corresponding to this one, whichever side the link was recorded from, ordered by regime and code.',
    select: (_args, _context, nestedSelection) => {
      // Each side is planned from what the query asks under `correlation`, `provision` and
      // `citation`, plus what the merge reads whatever is asked: the link's kind and note, and
      // the other provision's regime and code (it sorts by them). The explicit columns also
      // keep every select non-empty when nothing is asked under a path.
      const other = () => nestedSelection({ select: { id: true, regime: true, code: true } }, ['provision']);
      const citation = () => nestedSelection({ select: { id: true } }, ['citation']);
      return {
        correlationsFrom: nestedSelection(
          { select: { id: true, kind: true, note: true, citation: citation(), to: other() } },
          ['correlation'],
        ),
        correlationsTo: nestedSelection(
          { select: { id: true, kind: true, note: true, citation: citation(), from: other() } },
          ['correlation'],
        ),
      };
    },
    resolve: (provision) => mergeProvisionCorrelations(provision.correlationsFrom, provision.correlationsTo),
  }),
}));
