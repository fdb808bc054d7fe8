/** Client for `GET /api/health`. */
import { getJson } from './http';

export interface Health {
  status: string;
  engine: string;
  capabilities: Record<string, unknown>;
}

/** Reports whether the server and its database are up. */
export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}
