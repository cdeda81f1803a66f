// The feed-reading worker thread (started by feed-reader.ts): reads each feed body it is sent and posts
// the items back in batches as they are read, then the result.
import { parentPort } from 'node:worker_threads';
import { readFeed } from './feed-read.ts';
import type { ReadMessage, ReadRequest } from './feed-reader.ts';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs as a worker thread (see feed-reader.ts)');

port.on('message', async ({ id, bytes, options }: ReadRequest) => {
  const post = (m: ReadMessage) => port.postMessage(m);
  try {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await readFeed(body, options, (items) => post({ id, items }));
    post({ id, result });
  } catch (e) {
    post({ id, error: String((e as Error)?.message ?? e) });
  }
});
