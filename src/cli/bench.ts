// `npm run bench [name…]`: runs tests/bench/*.bench.ts (each exports `run()`), or only those named.
// Every benchmark prints its numbers beside a floor measured in the same run.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../config.ts';

export async function bench(args: string[]): Promise<number> {
  const dir = path.join(PROJECT_ROOT, 'tests', 'bench');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !args.length || args.some((a) => f.startsWith(a)))
    .sort();
  if (!files.length) {
    console.error(`No benchmarks match ${args.join(' ')}. Available: ${readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
    return 2;
  }
  for (const f of files) {
    console.log(`\n== ${f.replace('.bench.ts', '')}`);
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<void> };
    await mod.run();
  }
  return 0;
}
