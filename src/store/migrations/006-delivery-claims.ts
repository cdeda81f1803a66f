// Delivery guarantees (issue 13). The outbox gains a 'sending' state: a row is CLAIMED (claimer id and a
// claim expiry) before it is sent, so after a crash only rows left 'sending' past their claim have an
// uncertain outcome, and only those need care. SQLite cannot change a CHECK constraint in place, so the
// table is rebuilt (https://www.sqlite.org/lang_altertable.html#otheralter, the 12-step recipe; nothing
// references outbox, so no foreign key has to be re-pointed).
// Also: the `leases` table that decides which one process runs the poller, the digest scheduler and the
// outbox worker when several share the database (src/delivery/lease.ts).
import type { Migration } from '../migrate.ts';

export const m006DeliveryClaims: Migration = {
  version: 6,
  name: 'delivery-claims',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL,
        purpose TEXT NOT NULL,
        payload TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        claimed_by TEXT,                             -- the worker sending it now (status 'sending')
        claim_expires_at INTEGER,                    -- unix ms; past it with status 'sending': the claimer died
        attempt_started_at INTEGER,                  -- unix ms when the current/last send began
        uncertain_since INTEGER,                     -- earliest send that may have reached the platform unrecorded
        uncertain INTEGER NOT NULL DEFAULT 0,        -- 1: the post's outcome was uncertain at some point
        resolution TEXT CHECK (resolution IN ('nonce', 'found', 'absent', 'unchecked'))
                                                     -- how an uncertain post was settled ('unchecked': possibly doubled)
      ) STRICT;
      INSERT INTO outbox_new (id, platform, workspace_id, channel_id, subscription_id, purpose, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at, sent_at)
        SELECT id, platform, workspace_id, channel_id, subscription_id, purpose, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_by_subscription ON outbox(subscription_id, status);
      -- A channel's head is its oldest row still to send, whether waiting or claimed: one index walk per channel.
      CREATE INDEX outbox_open_by_channel ON outbox(platform, workspace_id, channel_id, id) WHERE status IN ('pending', 'sending');

      -- Named leases: one holder at a time, valid until expires_at unless renewed (src/delivery/lease.ts).
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL,                 -- unix ms
        acquired_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL,
        renewals INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
