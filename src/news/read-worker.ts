// The feed-reading child process (started by feed-reader.ts): reads each feed body it is sent and posts
// the items back in batches as they are read, then the result. A process, not a worker thread, so that
// running out of memory (its heap is capped by --max-old-space-size) ends this process and not the bot.
import { readFeed } from './feed-read.ts';
import type { ReadMessage, ReadRequest } from './feed-reader.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('read-worker.ts runs as a child process with an IPC channel (see feed-reader.ts)');

// The bot went away (ended, crashed, killed): nothing is left to read for.
process.on('disconnect', () => process.exit(0));

process.on('message', async ({ id, bytes, options }: ReadRequest) => {
  const post = (m: ReadMessage) => send(m);
  try {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await readFeed(body, options, (items) => post({ id, items }));
    post({ id, result });
  } catch (e) {
    post({ id, error: String((e as Error)?.message ?? e) });
  }
});
