// A test App for delivery tests: the real one from tests/helpers/app.ts (in-memory, real catalog), with the
// shipped news seed removed so each test controls exactly which stories exist.
import type { App } from '../../src/app.ts';
import { testApp } from '../helpers/app.ts';

export function deliveryTestApp(o: { now?: () => Date; env?: Record<string, string> } = {}): App {
  const app = testApp(o);
  app.db.exec(`DELETE FROM story_topics; DELETE FROM story_chips; DELETE FROM story_vendors; DELETE FROM stories; DELETE FROM clusters;`);
  return app;
}
