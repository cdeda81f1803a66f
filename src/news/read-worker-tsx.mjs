// Starts read-worker.ts from the TypeScript sources (tests, `bench`, a stale bundle): a worker thread does
// not inherit the TypeScript loader the main thread registered, so it registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
