import { describe, expect, it } from 'vitest';
import { stakeholderTypeFromLabel } from '../../src/domain/stakeholder-type.js';

describe('stakeholderTypeFromLabel', () => {
  it('maps only the labels whose meaning is plain', () => {
    expect(stakeholderTypeFromLabel('industry association')).toBe('INDUSTRY_ASSOCIATION');
    expect(stakeholderTypeFromLabel('company')).toBe('INDUSTRY');
    expect(stakeholderTypeFromLabel('university')).toBe('ACADEMIA');
    expect(stakeholderTypeFromLabel('academic association')).toBe('ACADEMIA');
    expect(stakeholderTypeFromLabel('individual')).toBe('INDIVIDUAL');
    expect(stakeholderTypeFromLabel(' Industry Association ')).toBe('INDUSTRY_ASSOCIATION');
  });

  it('says UNKNOWN for missing or unmapped labels rather than guessing', () => {
    expect(stakeholderTypeFromLabel(undefined)).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel(null)).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel('')).toBe('UNKNOWN');
    expect(stakeholderTypeFromLabel('non-profit research organisation')).toBe('UNKNOWN');
  });
});
