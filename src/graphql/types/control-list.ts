// ControlList (a regime's list in one edition) and the Regime enum.
import { Regime } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';

export const RegimeEnum = builder.enumType(Regime, {
  name: 'Regime',
  description: 'A control-list family: the list a provision belongs to.',
  values: {
    WASSENAAR: {
      description:
        'Wassenaar Arrangement List of Dual-Use Goods and Technologies (multilateral; implemented by members in national lists).',
    },
    EU: { description: 'European Union: Annex I to Regulation (EU) 2021/821.' },
    US_EAR: {
      description:
        'United States: Commerce Control List, Supplement No. 1 to Part 774 of the Export Administration Regulations (15 CFR).',
    },
    UK: { description: 'United Kingdom: the UK Strategic Export Control Lists.' },
    HK: {
      description:
        'Hong Kong: the Strategic Commodities list under the Import and Export (Strategic Commodities) Regulations.',
    },
  },
});

export const ControlListRef = builder.prismaNode('ControlList', {
  id: nodeIdOf('ControlList'),
  select: { id: true },
  nullable: true,
  description:
    "One edition of a regime's control list (e.g. EU Annex I consolidated 15.11.2025), which provisions belong to.",
  fields: (t) => ({
    regime: t.expose('regime', { type: RegimeEnum, description: 'The list family this edition belongs to.' }),
    name: t.exposeString('name', { description: 'Name of the list as its issuer gives it.' }),
    version: t.exposeString('version', {
      description: 'Edition label as the source gives it (e.g. "consolidated 15.11.2025").',
    }),
    textDate: t.expose('textDate', {
      type: 'Date',
      nullable: true,
      description: 'Date of the text (consolidation or snapshot date); null when the source does not state it.',
    }),
    versionNote: t.exposeString('versionNote', {
      nullable: true,
      description: 'Remarks about this edition (e.g. which amendments it includes); null when there are none.',
    }),
    isMain: t.exposeBoolean('isMain', {
      description:
        'False for a list that restates codes of the regime’s main list for another purpose (the US Sensitive List): its provisions are left out of code lookups and listings.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The authority that issues this list.' }),
    citation: t.relation('citation', { description: 'Source of this edition of the list.' }),
  }),
});
