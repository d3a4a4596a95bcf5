import { describe, expect, it } from 'vitest';
import {
  itemTypeFromCode,
  itemTypeFromScopeLabel,
  itemTypesFromScopeLabels,
  productGroupFromCode,
} from '../../src/domain/item-type.js';

describe('item type from an ECCN', () => {
  it('maps product groups A-C to commodities, D to software, E to technology', () => {
    expect(itemTypeFromCode('6A003')).toBe('COMMODITY');
    expect(itemTypeFromCode('6B008')).toBe('COMMODITY');
    expect(itemTypeFromCode('1C010')).toBe('COMMODITY');
    expect(itemTypeFromCode('6D003')).toBe('SOFTWARE');
    expect(itemTypeFromCode('6E001')).toBe('TECHNOLOGY');
    expect(itemTypeFromCode('6A003.b.4.b')).toBe('COMMODITY');
  });

  it('has no item type for codes that are not ECCNs', () => {
    expect(productGroupFromCode('Technical Note')).toBeNull();
    expect(itemTypeFromCode('ECCN')).toBeNull();
  });
});

describe('item types from exemption scope labels', () => {
  it('maps technology, software and goods/commodities labels', () => {
    expect(itemTypeFromScopeLabel('technology')).toBe('TECHNOLOGY');
    expect(itemTypeFromScopeLabel('software (encryption source code)')).toBe('SOFTWARE');
    expect(itemTypeFromScopeLabel('commodities (radar)')).toBe('COMMODITY');
    expect(itemTypeFromScopeLabel('goods')).toBe('COMMODITY');
  });

  it('returns distinct types in enum order and reports labels it cannot map', () => {
    expect(itemTypesFromScopeLabels(['technology', 'software', 'technology'])).toEqual({
      itemTypes: ['SOFTWARE', 'TECHNOLOGY'],
      unmapped: [],
    });
    expect(itemTypesFromScopeLabels(['services'])).toEqual({ itemTypes: [], unmapped: ['services'] });
  });
});
