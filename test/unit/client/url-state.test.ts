import { describe, expect, it } from 'vitest';
import { parseUrlState, writeUrlState, type MapUrlState } from '../../../client/src/lib/url-state';

const PLAN = '6f1c2a7e-9b0d-4c1e-8f3a-2b4c6d8e0f12';

describe('map state in the URL', () => {
  it('a_written_state_reads_back_the_same', () => {
    const state: MapUrlState = {
      tab: 'thematic',
      layers: ['admin_units', 'roads', 'cameras'],
      osm: true,
      view: { lon: 108.22, lat: 16.06, zoom: 13.5 },
      plan: PLAN,
      thematic: { indicator: 'cameras_per_km2', level: 'ward', method: 'jenks', classes: 5, ramp: 'cividis', mode: 'choropleth' },
      selected: '480201',
      dashboard: true,
    };
    const search = writeUrlState('', state);
    expect(search).toBe(`?tab=thematic&layers=admin_units,roads,cameras&osm=1&view=108.22000,16.06000,13.50&plan=${PLAN}`
      + '&ind=cameras_per_km2&lvl=ward&cls=jenks&k=5&ramp=cividis&mode=choropleth&sel=480201&dash=1');
    expect(parseUrlState(search)).toEqual({ ...state, thematic: { ...state.thematic, manualBreaks: undefined, heatLayer: undefined } });
  });

  it('manual_breaks_and_the_heat_map_layer_travel_with_their_method_and_mode', () => {
    const search = writeUrlState('', {
      thematic: { indicator: 'sensors', method: 'manual', classes: 4, manualBreaks: [2.5, 10, 40], ramp: 'PuOr', mode: 'heatmap', heatLayer: 'sensors' },
    });
    expect(search).toBe('?ind=sensors&cls=manual&brk=2.5,10,40&ramp=PuOr&mode=heatmap&heat=sensors');
    expect(parseUrlState(search).thematic).toMatchObject({ method: 'manual', manualBreaks: [2.5, 10, 40], mode: 'heatmap', heatLayer: 'sensors' });
  });

  it('other_parameters_such_as_test_are_kept', () => {
    expect(writeUrlState('?test&view=1,2,3', { tab: 'layers' })).toBe('?test=&tab=layers');
    expect(parseUrlState('?test=').tab).toBeUndefined();
  });

  it('an_empty_layer_list_means_every_layer_hidden_and_no_list_means_the_default', () => {
    expect(parseUrlState('?layers=').layers).toEqual([]);
    expect(parseUrlState('').layers).toBeUndefined();
  });

  it('invalid_values_are_dropped_or_replaced_by_defaults', () => {
    const state = parseUrlState('?view=500,16,12&plan=1;drop&ind=x%27%20OR%201=1&tab=<b>&k=40&cls=kmeans&ramp=rainbow&mode=3d');
    expect(state.view).toBeUndefined();
    expect(state.plan).toBeUndefined();
    expect(state.thematic).toBeUndefined();
    expect(state.tab).toBeUndefined();
    expect(parseUrlState('?ind=population&k=40&cls=kmeans&ramp=rainbow&mode=3d').thematic)
      .toEqual({ indicator: 'population', level: undefined, method: 'quantile', classes: 9, manualBreaks: undefined, ramp: 'viridis', mode: 'choropleth', heatLayer: undefined });
  });
});
