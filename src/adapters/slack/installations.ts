// bolt's InstallationStore kept in SQLite (table slack_installations, migration 004), for multi-workspace
// installs through OAuth. Also answers "which bot token posts to this workspace" for the poster.
// Tokens live only in the stored record: nothing here logs a record or a token.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../../store/db.ts';
import { stmt } from '../../store/db.ts';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('Slack installation query has neither a team id nor an enterprise id');
}

export class SqliteInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async storeInstallation(i: AnyInstallation): Promise<void> {
    const isOrg = Boolean(i.isEnterpriseInstall);
    const key = keyOf({ isEnterpriseInstall: isOrg, enterpriseId: i.enterprise?.id, teamId: i.team?.id });
    const t = this.now().getTime();
    stmt(
      this.db,
      `INSERT INTO slack_installations (install_key, team_id, enterprise_id, is_enterprise_install, bot_user_id, installed_at, updated_at, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
         is_enterprise_install = excluded.is_enterprise_install, bot_user_id = excluded.bot_user_id,
         updated_at = excluded.updated_at, doc = excluded.doc`,
    ).run(key, i.team?.id ?? null, i.enterprise?.id ?? null, isOrg ? 1 : 0, i.bot?.userId ?? null, t, t, JSON.stringify(i));
  }

  async fetchInstallation(q: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const row = stmt<[string], { doc: string }>(this.db, `SELECT doc FROM slack_installations WHERE install_key = ?`).get(keyOf(q));
    // bolt expects a throw for "not installed"; the message names ids, never tokens.
    if (!row) throw new Error(`chipwatch is not installed in Slack ${q.isEnterpriseInstall ? `org ${q.enterpriseId}` : `workspace ${q.teamId}`}`);
    return JSON.parse(row.doc) as AnyInstallation;
  }

  async deleteInstallation(q: InstallationQuery<boolean>): Promise<void> {
    stmt(this.db, `DELETE FROM slack_installations WHERE install_key = ?`).run(keyOf(q));
  }

  /** The bot token that posts to `teamId`: its own install, or an org-wide install covering it. */
  botTokenFor(teamId: string): string | undefined {
    const own = stmt<[string], { doc: string }>(this.db, `SELECT doc FROM slack_installations WHERE install_key = ?`).get(`T:${teamId}`);
    if (own) return (JSON.parse(own.doc) as AnyInstallation).bot?.token;
    // Org-wide installs are keyed by enterprise; a delivery target names the workspace, and Caller.workspaceId
    // is the enterprise id for org installs (see commands.ts), so this lookup covers that case too.
    const org = stmt<[string], { doc: string }>(this.db, `SELECT doc FROM slack_installations WHERE install_key = ?`).get(`E:${teamId}`);
    return org ? (JSON.parse(org.doc) as AnyInstallation).bot?.token : undefined;
  }
}
