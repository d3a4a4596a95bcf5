import { Comparator } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';

export const ComparatorEnum = builder.enumType(Comparator, {
  name: 'Comparator',
  description: 'How an item parameter is compared with a threshold value.',
  values: {
    GT: { description: 'Controlled when the parameter exceeds `value` ("exceeding", "more than").' },
    GTE: { description: 'Controlled when the parameter is at least `value` ("equal to or more than").' },
    LT: { description: 'Controlled when the parameter is below `value` ("less than", "better than" for figures where lower is better).' },
    LTE: { description: 'Controlled when the parameter is at most `value` ("equal to or less than").' },
    EQ: { description: 'Controlled when the parameter equals `value`.' },
    RANGE_EXCLUSIVE_MIN: { description: 'Controlled when the parameter is above `value` and at most `valueMax`.' },
    BOOLEAN: { description: 'Controlled when the item has the stated property (no number to compare).' },
  },
});

export const ThresholdRef = builder.prismaNode('Threshold', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description:
    'A technical condition of a provision (e.g. "a frame rate exceeding 60 Hz"). The verbatim text is always present; the machine-readable parameter, comparator, value and unit are filled in once the text has been encoded (see `encoded`).',
  fields: (t) => ({
    paragraph: t.exposeString('paragraph', { description: 'Paragraph reference of the condition within the entry, e.g. "6A003.b.4.b".' }),
    parameter: t.exposeString('parameter', { nullable: true, description: 'The measured parameter (e.g. "frame rate"); null until the text has been encoded.' }),
    comparator: t.expose('comparator', { type: ComparatorEnum, nullable: true, description: 'How the parameter is compared with `value`; null until the text has been encoded.' }),
    value: t.float({
      nullable: true,
      description: 'Threshold value in `unit` (lower bound for ranges); null until encoded or for conditions with no number.',
      select: { value: true },
      resolve: (threshold) => threshold.value?.toNumber() ?? null,
    }),
    valueMax: t.float({
      nullable: true,
      description: 'Upper bound of a range threshold in `unit`; null when the threshold is not a range.',
      select: { valueMax: true },
      resolve: (threshold) => threshold.valueMax?.toNumber() ?? null,
    }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit of `value` and `valueMax` (e.g. "Hz", "µm"); null when dimensionless or not yet encoded.' }),
    textVerbatim: t.exposeString('textVerbatim', { description: 'The condition exactly as the list words it.' }),
    exponentNote: t.exposeString('exponentNote', {
      nullable: true,
      description: 'Set where the source text lost superscripts (e.g. "4 x 106" means 4 x 10^6); says how the figure was read. Null when the text needed no such reading.',
    }),
    encoded: t.boolean({
      description: 'True when the condition has been encoded (parameter, comparator and value can be evaluated); false when only the verbatim text is available.',
      select: { parameter: true },
      resolve: (threshold) => threshold.parameter !== null,
    }),
    provision: t.relation('provision', { description: 'The provision this condition belongs to.' }),
    citation: t.relation('citation', { description: 'Source of the condition text.' }),
  }),
});
