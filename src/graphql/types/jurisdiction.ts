// Jurisdiction: a state, union or arrangement that issues controls.
import { JurisdictionKind } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';

export const JurisdictionKindEnum = builder.enumType(JurisdictionKind, {
  name: 'JurisdictionKind',
  description: 'What sort of authority a jurisdiction is.',
  values: {
    STATE: { description: 'A country (e.g. the United States, the United Kingdom).' },
    UNION: { description: 'A union of states with common export rules (the European Union).' },
    MULTILATERAL_REGIME: {
      description:
        'A multilateral export-control regime whose lists members implement (e.g. the Wassenaar Arrangement).',
    },
    TERRITORY: { description: 'A territory with its own export-control law (e.g. Hong Kong).' },
  },
});

export const JurisdictionRef = builder.prismaNode('Jurisdiction', {
  id: nodeIdOf('Jurisdiction'),
  select: { id: true },
  nullable: true,
  description:
    'An authority that issues export-control rules: a country, a union, a territory or a multilateral regime.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Short code used in filters: US, EU, UK, WA (Wassenaar Arrangement), HK.',
    }),
    name: t.exposeString('name', { description: 'Full name, e.g. "United States".' }),
    kind: t.expose('kind', { type: JurisdictionKindEnum, description: 'What sort of authority this is.' }),
  }),
});
