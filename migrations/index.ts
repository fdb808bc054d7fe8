import type { Knex } from 'knex';
import * as createLayerTables from './20261123000100_create_layer_tables.js';
import * as createUsersAndSessions from './20261123000200_create_users_and_sessions.js';
import * as bumpUserVersionOnAccountChanges from './20261123000300_bump_user_version_on_account_changes.js';
import * as linkPlanFeaturesToTheBaseline from './20261123000400_link_plan_features_to_the_baseline.js';
import * as createAnalysisJobs from './20261123000500_create_analysis_jobs.js';
import * as addPlanReview from './20261124000300_add_plan_review.js';
import * as recordInsertedHistoryPerStatement from './20261124000100_record_inserted_history_per_statement.js';
import * as createCctvCoverageTables from './20261124000500_create_cctv_coverage_tables.js';
import * as recordImportsAsOneEvent from './20261125000100_record_imports_as_one_event.js';
import * as indexOnlyPlanRowsByPlan from './20261206000100_index_only_plan_rows_by_plan.js';

/**
 * The migrations, in order. Listed here (not discovered on disk) so that they load the same way under tsx,
 * Vitest and a bundler. A new migration file is added to this list.
 */
export const MIGRATIONS: ReadonlyArray<[name: string, migration: Knex.Migration]> = [
  ['20261123000100_create_layer_tables', createLayerTables],
  ['20261123000200_create_users_and_sessions', createUsersAndSessions],
  ['20261123000300_bump_user_version_on_account_changes', bumpUserVersionOnAccountChanges],
  ['20261123000400_link_plan_features_to_the_baseline', linkPlanFeaturesToTheBaseline],
  ['20261123000500_create_analysis_jobs', createAnalysisJobs],
  ['20261124000100_record_inserted_history_per_statement', recordInsertedHistoryPerStatement],
  ['20261124000300_add_plan_review', addPlanReview],
  ['20261124000500_create_cctv_coverage_tables', createCctvCoverageTables],
  ['20261125000100_record_imports_as_one_event', recordImportsAsOneEvent],
  ['20261206000100_index_only_plan_rows_by_plan', indexOnlyPlanRowsByPlan],
];
