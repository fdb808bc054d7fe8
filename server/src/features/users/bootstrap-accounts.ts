import type { Knex } from 'knex';
import type { Role } from '../collections/registry.js';
import { generatePassword } from '../../lib/passwords.js';
import { countUsers, findByUsername } from './users.repository.js';
import { createUser } from './users.service.js';

/** Demo accounts, one per role, for trying the tool (README lists them); never on a production deployment. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: Role; password: string }> = [
  { username: 'viewer', displayName: 'Lãnh đạo (xem)', role: 'viewer', password: 'viewer-danang' },
  { username: 'planner', displayName: 'Chuyên viên quy hoạch', role: 'planner', password: 'planner-danang' },
  { username: 'engineer', displayName: 'Kỹ sư mạng', role: 'engineer', password: 'engineer-danang' },
];

/**
 * First start: creates the `admin` account, with ADMIN_PASSWORD or a generated password printed once.
 * With demo accounts on, adds the missing ones. Returns lines to print.
 */
export async function bootstrapAccounts(db: Knex, options: { adminPassword?: string; demoAccounts: boolean }): Promise<string[]> {
  const lines: string[] = [];
  if ((await countUsers(db)) === 0) {
    const password = options.adminPassword ?? generatePassword();
    await createUser(db, { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', password }, 'system');
    lines.push(options.adminPassword
      ? 'Created the administrator "admin" with the password from ADMIN_PASSWORD.'
      : `Created the administrator "admin" with the password ${password} (shown once: change it or set ADMIN_PASSWORD).`);
  }
  if (options.demoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      if (await findByUsername(db, account.username)) continue;
      await createUser(db, account, 'system');
      lines.push(`Demo account "${account.username}" (${account.role}), password "${account.password}".`);
    }
  }
  return lines;
}
