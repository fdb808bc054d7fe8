import type { Knex } from 'knex';

/**
 * An account's version is what an administrator's edit is checked against (If-Match style). Sign-ins update
 * the failure counter and the last sign-in time; they must not bump the version, or every sign-in would make an
 * administrator's open edit stale. Only the columns an administrator manages bump it now.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER users_bump_version ON users');
  await knex.raw(`CREATE TRIGGER users_bump_version BEFORE UPDATE ON users FOR EACH ROW
    WHEN ((OLD.display_name, OLD.role, OLD.password_hash, OLD.disabled) IS DISTINCT FROM (NEW.display_name, NEW.role, NEW.password_hash, NEW.disabled))
    EXECUTE FUNCTION bump_feature_version()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER users_bump_version ON users');
  await knex.raw('CREATE TRIGGER users_bump_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION bump_feature_version()');
}
