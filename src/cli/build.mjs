#!/usr/bin/env node
// Builds the production CLI: bundles src/cli/main.ts (and everything it imports from src/ and commands/)
// into .build/chipwatch.mjs, so the bot runs without the TypeScript loader (tsx costs ~36 MB of resident
// memory and start-up time). Run by `npm install`/`npm ci` through the "prepare" script; bin.mjs uses the
// bundle only while it is newer than every source file.
// Packages in node_modules stay external: node resolves them from .build/ up to the project's node_modules.
// Code splitting is on, so .build/ also holds chunks: ESM cannot import a package lazily except by
// import(), and in a single file esbuild hoists every package import to the top, so `ask` would load
// discord.js and a Discord-only bot @slack/bolt (~50 MB and ~11 MB). Each `await import('./x.ts')` in
// the sources becomes a chunk that loads its packages only when used. Chunks sit beside the entry (no
// subfolder) so PROJECT_ROOT in src/config.ts, one level up from the file, stays the project root.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTDIR = path.join(root, '.build');
export const OUTFILE = path.join(OUTDIR, 'chipwatch.mjs');

export async function buildBundle() {
  const result = await build({
    absWorkingDir: root,
    // The feed-reading worker thread is a second entry (src/news/feed-reader.ts starts it from beside itself).
    entryPoints: { chipwatch: 'src/cli/main.ts', 'read-worker': 'src/news/read-worker.ts' },
    outdir: OUTDIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Bundled code that calls require() (none today; CommonJS-style sources would) finds one: ESM has none.
    banner: { js: "import { createRequire as __chipwatchCreateRequire } from 'node:module';\nconst require = __chipwatchCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // `bench` imports tests/bench/*.bench.ts by computed path (it runs under tsx, see bin.mjs); that
    // import cannot be bundled and the warning about it is expected.
    logOverride: { 'unsupported-dynamic-import': 'silent' },
  });
  if (result.errors.length) throw new Error('esbuild failed');
  // Chunk names carry content hashes: remove the previous build's, after the new files are in place (not
  // before, so a chipwatch starting meanwhile finds a whole build).
  const made = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
  for (const f of readdirSync(OUTDIR)) if (!made.has(path.join(OUTDIR, f))) rmSync(path.join(OUTDIR, f), { recursive: true, force: true });
  return OUTFILE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = performance.now();
  await buildBundle();
  console.log(`chipwatch: built ${path.relative(root, OUTFILE)} in ${Math.round(performance.now() - t)} ms`);
}
