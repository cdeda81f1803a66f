#!/usr/bin/env node
// Entry point for `npx chipwatch …` and `npm start`: registers the TypeScript loader (tsx) for this
// process, then hands over to the CLI. No build step, so a fresh clone runs after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
