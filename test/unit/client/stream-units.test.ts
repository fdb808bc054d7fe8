import { describe, expect, it } from 'vitest';
import { formatBandwidth, formatPercent, formatStorage } from '../../../client/src/lib/stream-units.js';

describe('bandwidth and storage units', () => {
  it('writes_megabits_below_a_gigabit_and_gigabits_above', () => {
    expect(formatBandwidth(850, 'en')).toBe('850 Mbit/s');
    expect(formatBandwidth(3.6288, 'en')).toBe('3.63 Mbit/s');
    expect(formatBandwidth(9412.5, 'en')).toBe('9.41 Gbit/s');
  });

  it('writes_petabytes_from_a_thousand_terabytes', () => {
    expect(formatStorage(170, 'en')).toBe('170 TB');
    expect(formatStorage(6210, 'en')).toBe('6.21 PB');
  });

  it('uses_the_locale_decimal_comma_in_vietnamese', () => {
    expect(formatBandwidth(9412.5, 'vi')).toBe('9,41 Gbit/s');
    expect(formatPercent(84.04, 'vi')).toBe('84 %');
    expect(formatPercent(null, 'vi')).toBe('–');
  });
});
