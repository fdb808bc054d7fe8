import { describe, expect, it } from 'vitest';
import { matchPrj, parseWkt } from '../../../../server/src/features/import/import.prj.js';
import { ESRI_PRJ_5899, PRJ_WGS84_UTM49N } from '../../../fixtures/import/files.js';

/** PostGIS's own spatial_ref_sys text of EPSG:5899 (OGC WKT 1 with AUTHORITY codes), as the export writes it. */
const POSTGIS_5899 = 'PROJCS["VN-2000 / TM-3 Da Nang zone",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
  + 'TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
  + 'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
  + 'PARAMETER["central_meridian",107.75],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],'
  + 'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","5899"]]';

const esriUtm = (zone: 48 | 49, meridian: number) => `PROJCS["VN_2000_UTM_Zone_${zone}N",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],`
  + 'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
  + `PARAMETER["Central_Meridian",${meridian}.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('reading a .prj', () => {
  it('wkt_parses_into_keywords_texts_numbers_and_bare_words', () => {
    const node = parseWkt('AXIS["Easting",EAST]');
    expect(node).toEqual({ keyword: 'AXIS', args: ['Easting', 'EAST'] });
    expect(parseWkt('UNIT("metre",1.0E0)').args).toEqual(['metre', 1]);
    expect(() => parseWkt('PROJCS["x",')).toThrow(/unclosed PROJCS/);
  });

  it('postgis_wkt_with_its_epsg_code_is_5899', () => {
    expect(matchPrj(POSTGIS_5899)).toMatchObject({ crs: { srid: 5899 }, name: 'VN-2000 / TM-3 Da Nang zone', detail: 'EPSG:5899 named in the .prj' });
  });

  it('esri_wkt_without_a_code_is_5899_from_its_datum_and_parameters', () => {
    const match = matchPrj(ESRI_PRJ_5899);
    expect(match.crs?.srid).toBe(5899);
    expect(match.detail).toBe('VN-2000 / TM-3 107°45′ (E, N), from the datum and projection parameters of the .prj');
  });

  it('vn2000_utm_zones_48n_and_49n_are_3405_and_3406', () => {
    expect(matchPrj(esriUtm(48, 105)).crs?.srid).toBe(3405);
    expect(matchPrj(esriUtm(49, 111)).crs?.srid).toBe(3406);
  });

  it('a_vn2000_prj_with_another_datum_shift_matches_and_says_epsg_6960_is_used', () => {
    const other = ESRI_PRJ_5899.replace('SPHEROID["WGS_1984",6378137.0,298.257223563]]', 'SPHEROID["WGS_1984",6378137.0,298.257223563],TOWGS84[-192.873,-39.382,-111.202,0.00205,0.0005,-0.00335,0.0188]]');
    const match = matchPrj(other);
    expect(match.crs?.srid).toBe(5899);
    expect(match.detail).toMatch(/its datum shift differs from EPSG:6960, which is used instead/);
  });

  it('the_other_vn2000_tm3_zones_are_not_mistaken_for_da_nang', () => {
    // Zone 491 has its central meridian at 108°, a quarter degree from Đà Nẵng's 107°45′.
    const zone491 = ESRI_PRJ_5899.replace('"Central_Meridian",107.75', '"Central_Meridian",108.0');
    expect(matchPrj(zone491).crs).toBeUndefined();
    expect(matchPrj(zone491).detail).toMatch(/central meridian 108°, scale 0.9999\) is not one of the offered CRSs/);
  });

  it('wgs84_geographic_and_web_mercator_are_recognised', () => {
    expect(matchPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]').crs?.code).toBe('CRS84');
    expect(matchPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]').crs?.srid).toBe(3857);
  });

  it('wkt2_is_read_too', () => {
    const wkt2 = 'PROJCRS["VN-2000 / TM-3 Da Nang zone",BASEGEOGCRS["VN-2000",DATUM["Vietnam 2000",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]]],'
      + 'CONVERSION["TM-3 Da Nang",METHOD["Transverse Mercator"],PARAMETER["Latitude of natural origin",0],PARAMETER["Longitude of natural origin",107.75],'
      + 'PARAMETER["Scale factor at natural origin",0.9999],PARAMETER["False easting",500000],PARAMETER["False northing",0]],CS[Cartesian,2],'
      + 'AXIS["easting (E)",east],AXIS["northing (N)",north],LENGTHUNIT["metre",1]]';
    expect(matchPrj(wkt2).crs?.srid).toBe(5899);
  });

  it('a_crs_not_offered_or_an_unreadable_prj_gives_no_match_with_a_reason', () => {
    expect(matchPrj(PRJ_WGS84_UTM49N).crs).toBeUndefined();
    expect(matchPrj(PRJ_WGS84_UTM49N).name).toBe('WGS 84 / UTM zone 49N');
    expect(matchPrj('not a projection').detail).toMatch(/^the \.prj is not readable WKT/);
    expect(matchPrj(ESRI_PRJ_5899.replace('UNIT["Meter",1.0]', 'UNIT["Foot_US",0.3048006096012192]')).crs).toBeUndefined();
  });
});
