// A background loop for a Service: run a synchronous tick, sleep until the time it asks for (capped),
// repeat; stop() waits for the current tick. Ticks are synchronous (SQLite transactions cannot await), so
// a tick is never half-done when stop() returns.

export interface Loop {
  start(): void;
  stop(): Promise<void>;
  /** Run a tick now instead of waiting. */
  poke(): void;
}

/** `tick` returns the delay in ms before the next tick. Errors are reported and the loop carries on. */
export function periodic(tick: () => number, onError: (e: unknown) => void, maxSleepMs: number): Loop {
  let stopping = false;
  let done: Promise<void> | undefined;
  let poke: (() => void) | undefined;
  async function run() {
    while (!stopping) {
      let delay = maxSleepMs;
      try {
        delay = Math.min(maxSleepMs, Math.max(0, tick()));
      } catch (e) {
        onError(e);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        poke = () => {
          clearTimeout(t);
          resolve();
        };
      });
      poke = undefined;
    }
  }
  return {
    start() {
      stopping = false;
      done = run();
    },
    async stop() {
      stopping = true;
      poke?.();
      await done;
    },
    poke: () => poke?.(),
  };
}
