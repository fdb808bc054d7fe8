import { randomUUID } from 'node:crypto';
import { ProblemError } from '../../lib/errors.js';
import type { ParsedFile } from './parsers/index.js';

/**
 * Where staged uploads live between the upload and the commit: in this process's memory, parsed, for
 * `ttlMs` after their last use, at most `perUser` per user (a new upload replaces that user's oldest) and at
 * most `maxTotalBytes` of uploaded files in all (a new upload past that is refused with 503 until others
 * expire or are committed). Memory rather than temp files because every step re-reads all features and a
 * parsed file is what each step needs; the cost is that a staged import belongs to one server process (a
 * load balancer must keep a user on one process for the few minutes of an import: sticky sessions).
 */
export interface StagedImport {
  id: string;
  owner: string;
  fileName: string;
  bytes: number;
  parsed: ParsedFile;
  geometryTypes: Record<string, number>;
  columns: Array<{ name: string; samples: unknown[] }>;
  expiresAt: number;
}

export interface ImportStoreOptions {
  ttlMs: number;
  perUser: number;
  maxTotalBytes: number;
  now?: () => number;
}

export class ImportStore {
  private readonly staged = new Map<string, StagedImport>();
  private readonly now: () => number;

  constructor(private readonly options: ImportStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Stages a parsed upload for `owner`; returns it with its id and expiry. */
  put(owner: string, item: Omit<StagedImport, 'id' | 'owner' | 'expiresAt'>): StagedImport {
    this.sweep();
    const mine = [...this.staged.values()].filter((s) => s.owner === owner).sort((a, b) => a.expiresAt - b.expiresAt);
    while (mine.length >= this.options.perUser) this.staged.delete(mine.shift()!.id);
    const total = [...this.staged.values()].reduce((sum, s) => sum + s.bytes, 0);
    if (total + item.bytes > this.options.maxTotalBytes) {
      const minutes = Math.ceil(this.options.ttlMs / 60_000);
      throw new ProblemError(503, 'Service unavailable',
        `The server holds as many staged imports as it can; try again in a few minutes (unused imports expire after ${minutes} minutes).`,
        [{ field: 'file', message: 'staging space full' }], {}, { 'Retry-After': '120' });
    }
    const staged: StagedImport = { ...item, id: randomUUID(), owner, expiresAt: this.now() + this.options.ttlMs };
    this.staged.set(staged.id, staged);
    return staged;
  }

  /** The owner's staged import (its expiry pushed back), or a 404 that says it may have expired. */
  get(id: string, owner: string): StagedImport {
    this.sweep();
    const staged = this.staged.get(id);
    if (!staged || staged.owner !== owner) {
      throw new ProblemError(404, 'Not found', `No staged import "${id}": it was committed, discarded or expired (after ${Math.round(this.options.ttlMs / 60_000)} minutes unused). Upload the file again.`);
    }
    staged.expiresAt = this.now() + this.options.ttlMs;
    return staged;
  }

  /** Forgets a staged import (after its commit, or when the user discards it). */
  delete(id: string): void {
    this.staged.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.staged) if (s.expiresAt <= now) this.staged.delete(id);
  }
}
