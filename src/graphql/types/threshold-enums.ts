// How encoded thresholds are written: comparators, group operators and roles, and what a
// reference to another paragraph is about.
import { Comparator, GroupOperator, ReferenceSubject, ThresholdGroupRole } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';

export const ComparatorEnum = builder.enumType(Comparator, {
  name: 'Comparator',
  description: 'How an item parameter is compared with a threshold value.',
  values: {
    GT: { description: 'Met when the parameter exceeds `value` ("exceeding", "more than").' },
    GTE: { description: 'Met when the parameter is at least `value` ("equal to or more than").' },
    LT: {
      description:
        'Met when the parameter is below `value` ("less than", "better than" for figures where lower is better).',
    },
    LTE: { description: 'Met when the parameter is at most `value` ("equal to or less than").' },
    EQ: { description: 'Met when the parameter equals `value`.' },
    RANGE_EXCLUSIVE_MIN: {
      description:
        'Met when the parameter is above `value` and at most `valueMax`. Never written: such ranges are BETWEEN with `minInclusive` false and `maxInclusive` true.',
      deprecationReason: 'Ranges are BETWEEN, with `minInclusive` and `maxInclusive`.',
    },
    BOOLEAN: {
      description:
        'Met when the yes/no fact named by `parameter` has the value `booleanValue` (a property the item has or lacks, e.g. "space-qualified").',
    },
    BETWEEN: {
      description:
        'Met when the parameter lies between `value` and `valueMax`; `minInclusive` and `maxInclusive` say whether the bounds themselves count ("exceeding X but not exceeding Y": min exclusive, max inclusive).',
    },
    IN: { description: 'Met when the choice fact named by `parameter` (item kind, material, ...) is one of `values`.' },
    REFERENCE: {
      description:
        'Met when the paragraph `ref` (of `refRegime`) is met for the same facts ("controlled by 6A002.a.3.f"); `refSubject` says whether the item itself or a component the text names is meant.',
    },
  },
});

export const GroupOperatorEnum = builder.enumType(GroupOperator, {
  name: 'GroupOperator',
  description:
    'How the members (thresholds and sub-groups) of a threshold group combine. Three-valued: a member whose facts are unknown is UNKNOWN.',
  values: {
    ALL_OF: { description: 'Met when every member is met ("having all of the following").' },
    ANY_OF: { description: 'Met when at least one member is met ("having any of the following", "or").' },
    NOT: { description: 'Exactly one member, negated ("other than", "not incorporating").' },
  },
});

export const ThresholdGroupRoleEnum = builder.enumType(ThresholdGroupRole, {
  name: 'ThresholdGroupRole',
  description:
    'What a threshold group decides about its paragraph. A paragraph is met when its CONDITIONS are met, its sub-paragraphs combine to met, and none of its EXCLUSION groups is met.',
  values: {
    CONDITIONS: { description: "The paragraph's own conditions: the kind of item and the figures of its sentence." },
    EXCLUSION: {
      description:
        'A note that decontrols: when the group is met, the paragraph does not control the item (see `label`, `movesTo`).',
    },
    CONTROL_REASON: {
      description:
        'The extra conditions of a control-table line: when met, the reason for control `reason` (column `label`) applies to the paragraphs `appliesTo`.',
    },
  },
});

export const ReferenceSubjectEnum = builder.enumType(ReferenceSubject, {
  name: 'ReferenceSubject',
  description: 'Whose classification a REFERENCE threshold asks about.',
  values: {
    COMPONENT: {
      description:
        'A part the referring text names ("incorporating focal plane arrays controlled by ..."): the referenced paragraph is evaluated for the part, without its item-kind criteria.',
    },
    ITEM: {
      description:
        'The item itself ("other than those controlled by 6A003", "n.e.s."), evaluated exactly as the item is.',
    },
  },
});

/** Current rows only, unless retired ones are asked for. */
