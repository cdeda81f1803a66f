// `chipwatch console`: the interactive prompt alone (no poller, no platforms).
import { boot } from './boot.ts';
import { createConsoleAdapter } from '../adapters/console/adapter.ts';

export async function consoleCommand(): Promise<number> {
  const app = boot({ logLevel: 'warn' });
  await new Promise<void>((resolve) => {
    const adapter = createConsoleAdapter(app, { interactive: Boolean(process.stdin.isTTY), onClose: resolve });
    void adapter.start();
  });
  app.db.close();
  return 0;
}
