/**
 * What an analysis is to the rest of the server: a process in the sense of OGC API – Processes – Part 1: Core
 * (OGC 18-062r2), with a description of its inputs and outputs and one `execute` function. The analysis itself stays
 * a pure module beside it (DESIGN.md section 7); `execute` fetches what the module needs from the database,
 * calls it and returns the outputs.
 */
import type { Knex } from 'knex';
import type { Role } from '../features/collections/registry.js';
import type { AuthenticatedUser } from '../features/session/authenticate.js';

/** A JSON Schema (draft 2020-12) for one input or output value. */
export type JsonSchema = Record<string, unknown>;

export interface InputDescription {
  title: string;
  description: string;
  schema: JsonSchema;
  /** 0 makes the input optional (OGC default 1). */
  minOccurs?: number;
  maxOccurs?: number;
}

export interface OutputDescription {
  title: string;
  description: string;
  schema: JsonSchema;
}

export interface ProcessDescription {
  id: string;
  title: string;
  description: string;
  version: string;
  /** `sync-execute`: answered in the request; `async-execute`: run as a job with progress. */
  jobControlOptions: ReadonlyArray<'sync-execute' | 'async-execute'>;
  inputs: Readonly<Record<string, InputDescription>>;
  outputs: Readonly<Record<string, OutputDescription>>;
}

/** What a running analysis gets besides its inputs. */
export interface ProcessContext {
  db: Knex;
  user: AuthenticatedUser;
  /** Reports progress as a fraction 0…1 with an optional message for the progress bar; cheap to call often. */
  progress(fraction: number, message?: string): void;
  /** Aborted when the user dismisses the job (or the synchronous request goes away). */
  signal: AbortSignal;
}

export interface AnalysisProcess {
  description: ProcessDescription;
  /** Roles that may execute it; every signed-in user when absent. */
  roles?: readonly Role[];
  /**
   * Runs the analysis on validated inputs and returns the outputs document `{ outputId: value }`.
   * Throws ProblemError for input the schema could not catch (a camera id that does not exist, say).
   * Long loops check `signal.aborted` (or call `throwIfCancelled`) so that a dismissed job stops.
   */
  execute(inputs: Record<string, unknown>, context: ProcessContext): Promise<Record<string, unknown>>;
}

/** Thrown by a process that noticed its job was dismissed. */
export class JobCancelled extends Error {
  constructor() {
    super('The job was dismissed');
    this.name = 'JobCancelled';
  }
}

/** Throws JobCancelled when the signal is aborted; call it between steps of a long analysis. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}
