// How exemptions are described and filtered: kind, condition role, applicability basis, and the
// filter of the exemption listing.
import { ApplicabilityBasis, ExemptionConditionRole, ExemptionKind } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { ItemTypeEnum } from './provision-filter.js';

export const ExemptionKindEnum = builder.enumType(ExemptionKind, {
  name: 'ExemptionKind',
  description: 'What sort of relief from control an exemption gives.',
  values: {
    FUNDAMENTAL_RESEARCH: {
      description:
        'Results of fundamental (basic) research intended to be published are not subject to control (e.g. EAR 734.8).',
    },
    PUBLISHED_INFORMATION: {
      description: 'Information already published or in the public domain is not subject to control (e.g. EAR 734.7).',
    },
    EDUCATIONAL_INFORMATION: {
      description:
        'Information released by instruction in catalogue courses and teaching laboratories (e.g. EAR 734.3(b)(3)(iii)).',
    },
    PATENT_INFORMATION: { description: 'Information in patents and published patent applications.' },
    OPEN_SOURCE: {
      description: 'Publicly available software and source code (e.g. the General Software Note, EAR 734.7(b)).',
    },
    HUMANITARIAN: { description: 'Exports for humanitarian purposes.' },
    LICENCE_EXCEPTION: {
      description: 'A licence exception: export without a licence under stated conditions (e.g. EAR 740.13 TSU).',
    },
    GENERAL_AUTHORISATION: {
      description: 'A general export authorisation usable by any exporter who meets its conditions (e.g. EU001-EU007).',
    },
    OPEN_GENERAL_LICENCE: {
      description: 'A UK open general export licence (OGEL): a published licence any exporter may register for.',
    },
    TECHNOLOGY_NOTE: {
      description: 'The General Technology Note: limits technology control to what is "required" for controlled items.',
    },
    SOFTWARE_NOTE: {
      description: 'The General Software Note: releases generally available mass-market and public-domain software.',
    },
    DEFINITION: {
      description:
        'A definition that takes items out of control (e.g. "in the public domain", "basic scientific research").',
    },
    INTERPRETIVE_GUIDANCE: {
      description: 'Official guidance on how a rule is read, rather than a legal exemption itself.',
    },
    DECONTROL_NOTE: { description: 'A note in a list entry stating what the entry does not control.' },
  },
});

export const ExemptionConditionRoleEnum = builder.enumType(ExemptionConditionRole, {
  name: 'ExemptionConditionRole',
  description: 'How a condition affects whether an exemption applies.',
  values: {
    REQUIREMENT: { description: 'Must be met for the exemption to apply.' },
    EXCLUSION: { description: 'When it holds, the exemption does not apply.' },
    DESTINATION: { description: 'Restricts the destinations (countries, end users) for which the exemption applies.' },
  },
});

export const ApplicabilityBasisEnum = builder.enumType(ApplicabilityBasis, {
  name: 'ApplicabilityBasis',
  description: 'Why an exemption is linked to a provision.',
  values: {
    EXPLICIT: { description: 'The exemption names the provision (or its entry) explicitly.' },
    ITEM_TYPE_SCOPE: {
      description:
        'The exemption covers a whole kind of item (e.g. all technology) and the provision controls that kind; the link is inferred from scope, not named in the text.',
    },
  },
});

export const ExemptionFilter = builder.inputType('ExemptionFilter', {
  description: 'Narrows an exemption listing. All given conditions must hold.',
  fields: (t) => ({
    jurisdiction: t.string({
      description: 'Only exemptions granted by this jurisdiction, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    regime: t.field({ type: RegimeEnum, description: 'Only exemptions belonging to this control-list family.' }),
    kind: t.field({ type: ExemptionKindEnum, description: 'Only this sort of exemption.' }),
    itemType: t.field({ type: ItemTypeEnum, description: 'Only exemptions concerning this kind of item.' }),
    appliesToProvisionCode: t.string({
      description:
        'Only exemptions linked to the provision with this exact code, or to a paragraph of the entry with this code (e.g. "6A003" also matches links to 6A003.b.4.b).',
    }),
  }),
});
