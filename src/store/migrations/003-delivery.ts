// Delivery: which channels follow which vendors and how (real-time or a daily digest at a local time),
// the clusters already posted to each channel, and the outbox every post goes through. A post is decided
// and written to the outbox in ONE transaction with the cursor it advances, so a crash can neither lose
// a decided post nor decide it twice; the UNIQUE idempotency key makes re-deciding a no-op.
import type { Migration } from '../migrate.ts';

export const m003Delivery: Migration = {
  version: 3,
  name: 'delivery',
  up(db) {
    db.exec(`
      -- One row per subscribed channel, keyed by platform, workspace (guild / team) and channel.
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        all_vendors INTEGER NOT NULL DEFAULT 0,      -- 1: every vendor, including ones added later
        mode TEXT NOT NULL DEFAULT 'digest' CHECK (mode IN ('realtime', 'digest')),
        topics TEXT NOT NULL DEFAULT '[]',           -- JSON array of topic ids; empty = every topic
        exclude TEXT NOT NULL DEFAULT '[]',          -- JSON array of lower-case words
        digest_on INTEGER NOT NULL DEFAULT 1,
        digest_time TEXT NOT NULL DEFAULT '09:00',   -- HH:MM local
        digest_tz TEXT NOT NULL DEFAULT 'UTC',       -- IANA zone
        quiet_day TEXT NOT NULL DEFAULT 'skip' CHECK (quiet_day IN ('skip', 'notice')),
        next_digest_at INTEGER,                      -- unix ms; NULL when no digest is scheduled
        last_digest_day TEXT,                        -- local YYYY-MM-DD of the last digest decided
        digest_cursor INTEGER NOT NULL DEFAULT 0,    -- stories.id already covered by a digest
        realtime_cursor INTEGER NOT NULL DEFAULT 0,  -- stories.id already considered for real-time
        paused_reason TEXT,                          -- set by a permanent delivery failure
        paused_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (platform, workspace_id, channel_id)
      ) STRICT;
      CREATE INDEX subscriptions_due ON subscriptions(next_digest_at) WHERE next_digest_at IS NOT NULL;

      CREATE TABLE subscription_vendors (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        vendor_slug TEXT NOT NULL,
        PRIMARY KEY (subscription_id, vendor_slug)
      ) STRICT, WITHOUT ROWID;

      -- Clusters already posted to a channel: a later report of the same event is not posted again.
      CREATE TABLE posted_clusters (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        cluster_id INTEGER NOT NULL,
        posted_at INTEGER NOT NULL,
        PRIMARY KEY (subscription_id, cluster_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX posted_clusters_by_time ON posted_clusters(posted_at);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL,
        purpose TEXT NOT NULL,                       -- readable origin, e.g. "digest 12 2026-11-28"
        payload TEXT NOT NULL,                       -- the neutral Reply as JSON
        idempotency_key TEXT NOT NULL UNIQUE,        -- <= 25 chars: travels as Discord's message nonce
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,            -- unix ms; never before a platform's retry-after
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_by_subscription ON outbox(subscription_id, status);
      -- The worker sends each channel's oldest pending post first: one index walk per channel.
      CREATE INDEX outbox_pending_by_channel ON outbox(platform, workspace_id, channel_id, id) WHERE status = 'pending';
    `);
  },
};
