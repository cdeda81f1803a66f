// A button's custom_id carries the text command it runs ("/news alibaba page:2"), so a press routes back
// through the dispatcher exactly like typed text, and the bot needs no state to answer it — even after a
// restart. custom_id is capped at 100 characters; the rare longer command is kept in a bounded in-memory
// map under a short id instead. Why not a table: commands are short (the longest today is ~45
// characters), so the map is a fallback that almost never fills, and a database table would mean a
// migration and a cleanup job for it. The cost: such a button stops working after a restart, and says so.
//
// A custom_id is not a capability: whatever it says is dispatched with the presser's own permissions,
// exactly as if they had typed it.
import { randomBytes } from 'node:crypto';
import { CUSTOM_ID_MAX } from './limits.ts';

const INLINE = 'cw:'; // cw:/news alibaba page:2
const STORED = 'cw#'; // cw#3f9a1c0e
const MAP_MAX = 5000;

const stored = new Map<string, string>();

export function buttonCustomId(command: string): string {
  if (INLINE.length + command.length <= CUSTOM_ID_MAX) return INLINE + command;
  const id = randomBytes(8).toString('hex');
  stored.set(id, command);
  // Oldest first out: Map keeps insertion order.
  while (stored.size > MAP_MAX) stored.delete(stored.keys().next().value!);
  return STORED + id;
}

export type ButtonCommand = { kind: 'command'; line: string } | { kind: 'expired' } | { kind: 'foreign' };

export function commandOfCustomId(customId: string): ButtonCommand {
  if (customId.startsWith(INLINE)) return { kind: 'command', line: customId.slice(INLINE.length) };
  if (customId.startsWith(STORED)) {
    const line = stored.get(customId.slice(STORED.length));
    return line ? { kind: 'command', line } : { kind: 'expired' };
  }
  return { kind: 'foreign' };
}
