import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/server/export-query.js';

describe('exportFileName', () => {
  it('names the kind, then each given filter with its values, and the extension', () => {
    expect(
      exportFileName(
        'impact-stats',
        [
          ['jurisdictions', ['UK', 'US']],
          ['by', ['INDICATOR', 'QUARTER']],
          ['measures', ['SUM']],
        ],
        'csv',
      ),
    ).toBe('impact-stats_jurisdictions-UK-US_by-INDICATOR-QUARTER_measures-SUM.csv');
  });

  it('leaves out filters that are absent or empty', () => {
    expect(
      exportFileName(
        'impact-series',
        [
          ['indicator', 'SIELs refused'],
          ['regions', []],
          ['sectors', null],
          ['units', undefined],
        ],
        'json',
      ),
    ).toBe('impact-series_indicator-SIELs-refused.json');
  });

  it('keeps only letters, digits, dot, dash and underscore: no quotes, slashes, spaces or control characters', () => {
    const name = exportFileName(
      'impact-stats',
      [['indicators', ['a"b', '../../etc/passwd', 'x\r\ny', 'café; rm -rf', 'tab\there']]],
      'csv',
    );
    expect(name).toMatch(/^[A-Za-z0-9._-]+\.csv$/);
    expect(name).not.toContain('..');
    expect(name).not.toMatch(/-{2,}/);
    expect(name).toBe('impact-stats_indicators-a-b-.-.-etc-passwd-x-y-caf-rm-rf-tab-here.csv');
  });

  it('never starts or ends the base name with a dot or dash', () => {
    expect(exportFileName('.hidden', [['units', ['-']]], 'json')).toBe('hidden_units.json');
    expect(exportFileName('--', [], 'csv')).toBe('export.csv');
  });

  it('shortens long names to 150 characters, keeping them distinct with a hash', () => {
    const long = (suffix: string) =>
      exportFileName('impact-stats', [['indicators', [`${'x'.repeat(300)}${suffix}`]]], 'csv');
    const a = long('a');
    const b = long('b');
    expect(a.length).toBeLessThanOrEqual(150 + '.csv'.length);
    expect(a).toMatch(/-[0-9a-f]{8}\.csv$/);
    expect(a).not.toBe(b);
    expect(long('a')).toBe(a);
  });
});
