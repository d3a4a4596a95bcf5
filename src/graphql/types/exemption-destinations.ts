// The destinations of an exemption that lists them (the Union general export authorisations of
// Annex II), as ISO codes a client can compare with a destination. Kept beside exemption.ts,
// which is at the size limit of a GraphQL file.
import { builder } from '../builder.js';

builder.prismaObjectFields('Exemption', (t) => ({
  destinations: t.exposeStringList('destinations', {
    description:
      'Destinations the exemption covers, as ISO 3166-1 alpha-2 codes ("JP"), where its text lists them (the territories a listed country includes, such as Hong Kong and Macao for China, are listed too). A destination the text names without a code of its own ("French overseas territories") is not here but in `extra` and the DESTINATION conditions. Empty when the text lists none, and for an authorisation valid for all destinations but `excludedDestinations`.',
  }),
  excludedDestinations: t.exposeStringList('excludedDestinations', {
    description:
      'For an authorisation valid for all destinations except some (EU008): the excluded destinations as ISO 3166-1 alpha-2 codes, those it names and those it excludes by reference to another authorisation (EU008 excludes the destinations of EU001). Exclusions stated without naming countries (an arms embargo, restrictive measures) are only in the conditions. Empty otherwise.',
  }),
}));
