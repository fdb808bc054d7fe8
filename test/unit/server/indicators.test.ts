import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../server/src/features/statistics/indicators';
import { COLLECTIONS } from '../../../server/src/features/collections/registry';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SQL_DIR = path.join(ROOT, 'server/src/features/statistics/sql/indicators');

describe('the indicator registry', () => {
  it('every_indicator_has_its_sql_file_and_a_unique_id', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    for (const i of INDICATORS) expect(fs.existsSync(path.join(SQL_DIR, `${i.sqlFile}.sql`)), i.id).toBe(true);
  });

  it('indicator_sql_reads_plan_layers_only_through_the_plan_view_and_binds_its_values', () => {
    const planLayers = COLLECTIONS.filter((c) => c.scenarioAware).map((c) => c.table);
    for (const file of fs.readdirSync(SQL_DIR)) {
      const sql = fs.readFileSync(path.join(SQL_DIR, file), 'utf8').replace(/--[^\n]*/g, '');
      // A plan-aware table named directly would ignore the plan (and count every plan's features).
      for (const table of planLayers) expect(sql, `${file}: ${table}`).not.toMatch(new RegExp(`\\bFROM\\s+${table}\\b`, 'i'));
      expect(sql, file).not.toMatch(/\$\{|'\s*\+/);
    }
  });

  it('every_indicator_is_documented_with_titles_and_units_in_both_languages', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/thematic-maps.md'), 'utf8');
    for (const i of INDICATORS) {
      expect(doc, i.id).toContain(`\`${i.id}\``);
      for (const text of [i.title, i.unit, i.definition]) expect(text.vi.length * text.en.length, i.id).toBeGreaterThan(0);
    }
  });
});
