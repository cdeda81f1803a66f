#!/usr/bin/env node
// Entry point for `npx chipwatch …` and `npm start`. Production runs the prebuilt bundle
// .build/chipwatch.mjs (made by src/cli/build.mjs on `npm install`): no TypeScript loader, so ~36 MB less
// memory and a faster start. The TypeScript sources run directly through tsx instead when
//  - the bundle is missing or older than any file under src/ or commands/ (a developer who edits code
//    never runs stale code; the walk over ~130 files costs 2-8 ms),
//  - the subcommand is `bench` (it imports tests/bench/*.bench.ts, which only tsx can load), or
//  - CHIPWATCH_TSX=1 is set (to compare, or to debug with the sources).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = path.join(root, '.build', 'chipwatch.mjs');

/** Newest modification time (ms) of `dir` and anything under it, or 0 if it does not exist. Directories
 * count too: deleting or renaming a file changes only its directory's time. */
function newestIn(dir) {
  let newest;
  let entries;
  try {
    newest = statSync(dir).mtimeMs;
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // A file deleted since readdir (an editor's temporary file) is skipped, not fatal.
    newest = Math.max(newest, e.isDirectory() ? newestIn(p) : (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  }
  return newest;
}

function bundleIsFresh() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  return built >= Math.max(newestIn(path.join(root, 'src')), newestIn(path.join(root, 'commands')));
}

const argv = process.argv.slice(2);
let main;
try {
  if (argv[0] !== 'bench' && process.env.CHIPWATCH_TSX !== '1' && bundleIsFresh()) {
    ({ main } = await import(pathToFileURL(bundle).href));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('./main.ts'));
  }
} catch (e) {
  // Before main's error boundary exists: most likely an incomplete install. One line, the trace on --debug.
  console.error(`chipwatch: could not load (${String(e?.message ?? e).split('\n')[0]}); run \`npm install\` in ${root}`);
  if (argv.includes('--debug')) console.error(e);
  process.exit(1);
}
process.exitCode = await main(argv);
