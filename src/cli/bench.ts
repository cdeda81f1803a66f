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
  const failed: string[] = [];
  for (const f of files) {
    const name = f.replace('.bench.ts', '');
    console.log(`\n== ${name}`);
    try {
      const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<void> };
      await mod.run();
    } catch (e) {
      // One benchmark failing must not hide the others' figures.
      failed.push(name);
      console.error(`${name}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!failed.length) return 0;
  console.error(`\nbenchmarks that failed: ${failed.join(', ')}`);
  // A failed benchmark can leave its fakes and clients open; they must not keep the runner alive.
  setTimeout(() => process.exit(1), 100).unref();
  return 1;
}
