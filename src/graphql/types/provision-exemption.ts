// ProvisionExemption: an exemption linked to a provision, with the basis of the link.
import { builder } from '../builder.js';
import { ApplicabilityBasisEnum } from './exemption-filter.js';

export const ProvisionExemptionRef = builder.prismaObject('ExemptionProvision', {
  name: 'ProvisionExemption',
  select: { exemptionId: true, provisionId: true },
  description: 'An exemption linked to a provision, with why it is linked.',
  fields: (t) => ({
    exemption: t.relation('exemption', { description: 'The exemption.' }),
    basis: t.expose('basis', {
      type: ApplicabilityBasisEnum,
      description: 'Whether the exemption names the provision or covers it by item type.',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'Remarks about this link (e.g. limits of the exemption for this provision); null when there are none.',
    }),
  }),
});
