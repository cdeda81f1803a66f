// Starts read-worker.ts from the TypeScript sources (tests, `bench`, a stale bundle): the reader's child
// process does not inherit the TypeScript loader the bot registered, so it registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
