// Small helpers for the benchmarks: time samples, percentiles, and result lines that show each number
// beside a floor measured in the same run (so results compare across machines).
import { performance } from 'node:perf_hooks';

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function stats(samplesMs: number[]): Stats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Runs `fn` `warmup` times untimed, then `n` times timed (ms each). */
export async function sample(n: number, fn: () => unknown, warmup = Math.min(100, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

/** "name  p50 … p99 …  | floor p50 … p99 …  | ratio p99 ×N (goal …)" */
export function latencyLine(name: string, s: Stats, floor?: Stats, goal?: string): string {
  const parts = [`${name.padEnd(44)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}`];
  if (floor) parts.push(`floor p50 ${ms(floor.p50).padStart(9)}  p99 ${ms(floor.p99).padStart(9)}  ratio p50 ×${(s.p50 / floor.p50).toFixed(2)} p99 ×${(s.p99 / floor.p99).toFixed(2)}`);
  if (goal) parts.push(`goal: ${goal}`);
  return parts.join('  | ');
}

export function rateLine(name: string, perSecond: number, floorPerSecond?: number, goal?: string): string {
  const parts = [`${name.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US')}/s`];
  if (floorPerSecond) parts.push(`floor ${Math.round(floorPerSecond).toLocaleString('en-US')}/s  ratio ×${(perSecond / floorPerSecond).toFixed(2)}`);
  if (goal) parts.push(`goal: ${goal}`);
  return parts.join('  | ');
}
