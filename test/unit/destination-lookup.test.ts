// Destinations typed as ISO codes or names, resolved through the search's country names (the
// Commerce Country Chart rows and the aliases file), and refused with the closest names.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUsCountryTables } from '../../src/classification/us-country-chart.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { loadQueryUnderstandingRules } from '../../src/search/query-understanding.js';
import { DestinationLookup } from '../../src/services/destination-lookup.js';

let lookup: DestinationLookup;
beforeAll(async () => {
  lookup = new DestinationLookup(loadUsCountryTables(), await loadQueryUnderstandingRules());
});

const refusal = (text: string): InvalidArgumentError => {
  try {
    lookup.resolve(text, 'input.destination');
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('destination lookup', () => {
  it('takes ISO codes in any case and names the country as the chart writes it', () => {
    expect(lookup.resolve('ca', 'f')).toEqual({ code: 'CA', name: 'Canada' });
    expect(lookup.resolve(' CN ', 'f')).toEqual({ code: 'CN', name: 'China' });
  });

  it('takes the chart\'s names in any case and their spoken order ("Korea, North" / "North Korea")', () => {
    expect(lookup.resolve('china', 'f').code).toBe('CN');
    expect(lookup.resolve('Korea, South', 'f').code).toBe('KR');
    expect(lookup.resolve('North Korea', 'f')).toEqual({ code: 'KP', name: 'Korea, North' });
  });

  it('takes the aliases of the search (the UK, Hong Kong, which has no chart row)', () => {
    expect(lookup.resolve('the UK', 'f').code).toBe('GB');
    expect(lookup.resolve('hong kong', 'f').code).toBe('HK');
  });

  it("takes Kosovo's chart code XK although it is user-assigned, not official ISO 3166-1", () => {
    expect(lookup.resolve('XK', 'f').code).toBe('XK');
  });

  it('refuses a misspelt name with "did you mean" and the field named', () => {
    const error = refusal('Germny');
    expect(error.field).toBe('input.destination');
    expect(error.message).toMatch(/did you mean Germany \(DE\)/);
  });

  it('refuses a name with other words in it and a code that is no country', () => {
    expect(refusal('china camera').message).toMatch(/did you mean China \(CN\)/);
    expect(refusal('QQ').message).toMatch(/not an ISO 3166-1 alpha-2 country code/);
  });
});
