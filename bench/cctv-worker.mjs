// Worker thread entry: registers tsx's loader, then runs the TypeScript worker (a worker does not inherit --import).
import { register } from 'tsx/esm/api';

register();
await import('./cctv-worker.ts');
