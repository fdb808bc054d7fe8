import { describe, expect, it } from 'vitest';
import { UTILISATION_CLASSES, utilisationClass } from '../../../client/src/map/styles/utilisation.js';

describe('MAN utilisation colours', () => {
  it('an_overloaded_link_is_red_and_a_near_one_orange_whatever_the_percentage', () => {
    expect(utilisationClass('over', 101).key).toBe('over');
    expect(utilisationClass('near', 85).key).toBe('near');
    expect(utilisationClass('over', 101).color).toBe('#d73027');
  });

  it('links_below_the_threshold_are_classed_by_percentage', () => {
    expect(utilisationClass('ok', 0).key).toBe('idle');
    expect(utilisationClass('ok', 24.99).key).toBe('idle');
    expect(utilisationClass('ok', 25).key).toBe('low');
    expect(utilisationClass('ok', 79).key).toBe('moderate');
  });

  it('unreachable_and_unused_elements_have_their_own_legend_classes', () => {
    expect(utilisationClass('unreachable', 0).key).toBe('unreachable');
    expect(utilisationClass('out_of_service', null).key).toBe('outOfService');
    expect(new Set(UTILISATION_CLASSES.map((c) => c.color)).size).toBe(UTILISATION_CLASSES.length);
  });
});
