// Slack installations (multi-workspace OAuth): one row per workspace, or per Enterprise Grid org for an
// org-wide install, holding bolt's Installation record. The record carries the bot token, so this table
// is as secret as the environment; nothing reads it except the installation store and the poster.
import type { Migration } from '../migrate.ts';

export const m004Slack: Migration = {
  version: 4,
  name: 'slack',
  up(db) {
    db.exec(`
      CREATE TABLE slack_installations (
        install_key TEXT PRIMARY KEY,       -- 'T:<team id>' or, for org-wide installs, 'E:<enterprise id>'
        team_id TEXT,
        enterprise_id TEXT,
        is_enterprise_install INTEGER NOT NULL,
        bot_user_id TEXT,
        installed_at INTEGER NOT NULL,      -- unix ms
        updated_at INTEGER NOT NULL,
        doc TEXT NOT NULL                   -- bolt's Installation as JSON (contains tokens: never log it)
      ) STRICT;
      CREATE INDEX slack_installations_by_team ON slack_installations(team_id);
    `);
  },
};
