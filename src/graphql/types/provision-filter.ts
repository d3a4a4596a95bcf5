// How provisions are described and filtered: kind, version status, item type, and the filter
// of the provision listing.
import { ItemType, ProvisionKind, VersionStatus } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';

export const ProvisionKindEnum = builder.enumType(ProvisionKind, {
  name: 'ProvisionKind',
  description: 'Whether a provision is a whole list entry or one paragraph of an entry.',
  values: {
    ENTRY: { description: 'A whole list entry (an ECCN such as 6A003, or an Annex I entry).' },
    PARAGRAPH: { description: 'A paragraph or sub-paragraph of an entry (e.g. 6A003.b.4.b).' },
  },
});

export const ProvisionKindFilterEnum = builder.enumType('ProvisionKindFilter', {
  description: 'Which provisions a listing returns.',
  values: {
    ENTRY: { value: 'ENTRY', description: 'Only whole list entries (the default).' },
    PARAGRAPH: { value: 'PARAGRAPH', description: 'Only paragraphs and sub-paragraphs.' },
    ANY: { value: 'ANY', description: 'Entries and paragraphs alike.' },
  } as const,
});

export const VersionStatusEnum = builder.enumType(VersionStatus, {
  name: 'VersionStatus',
  description: 'Whether a version of a provision is the latest known text.',
  values: {
    CURRENT: { description: 'The latest version the knowledge base holds.' },
    SUPERSEDED: { description: 'Replaced by a later version (see `supersededBy`).' },
  },
});

export const ItemTypeEnum = builder.enumType(ItemType, {
  name: 'ItemType',
  description:
    'What kind of item a provision or exemption concerns (EAR product groups A-C are commodities, D software, E technology).',
  values: {
    COMMODITY: {
      description: 'Physical goods: systems, equipment, components, materials, test and production equipment.',
    },
    SOFTWARE: { description: 'Software.' },
    TECHNOLOGY: {
      description:
        'Technology: information for the development, production or use of items (including technical data and assistance).',
    },
  },
});

export const ProvisionFilter = builder.inputType('ProvisionFilter', {
  description: 'Narrows a provision listing. All given conditions must hold.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'Only provisions of this control-list family.' }),
    jurisdiction: t.string({
      description: 'Only provisions issued by this jurisdiction, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    category: t.string({
      description: 'Only this list category, by number as a string (e.g. "6" for sensors and lasers).',
    }),
    codePrefix: t.string({
      description: 'Only codes starting with this text (e.g. "6A00" for 6A001-6A009; case-sensitive).',
    }),
    text: t.string({
      description:
        'Only provisions whose code, title or text contains this text (case-insensitive substring, not full-text search).',
    }),
    kind: t.field({
      type: ProvisionKindFilterEnum,
      defaultValue: 'ENTRY',
      description: 'Entries, paragraphs or both. Defaults to ENTRY.',
    }),
    itemType: t.field({
      type: ItemTypeEnum,
      description:
        'Only provisions concerning this kind of item. Provisions whose item type is not recorded are left out.',
    }),
  }),
});
