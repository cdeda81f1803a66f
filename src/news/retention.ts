// Retention: stories published more than CHIPWATCH_NEWS_RETENTION_DAYS ago are deleted with their
// index rows (FTS by search_key; vendor/chip/topic rows cascade), and clusters left empty go too. Deletes
// run in small batches so a first run over a large backlog never holds the write lock for long.
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';

const BATCH = 2_000;

export function pruneOldStories(db: Db, now: number, retentionDays: number): { stories: number; clusters: number } {
  const cutoff = now - retentionDays * 86_400_000;
  const pick = stmt<[number, number], { id: number; cluster_id: number; search_key: number | null }>(
    db,
    `SELECT id, cluster_id, search_key FROM stories WHERE published_at < ? ORDER BY published_at LIMIT ?`,
  );
  const delFts = stmt(db, `DELETE FROM stories_fts WHERE rowid = ?`);
  const delStory = stmt(db, `DELETE FROM stories WHERE id = ?`);
  const delCluster = stmt(db, `DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM stories WHERE cluster_id = ?)`);
  const fixCluster = stmt(
    db,
    `UPDATE clusters SET story_count = (SELECT COUNT(*) FROM stories WHERE cluster_id = clusters.id),
       first_story_id = (SELECT id FROM stories WHERE cluster_id = clusters.id ORDER BY published_at, id LIMIT 1),
       first_published_at = COALESCE((SELECT MIN(published_at) FROM stories WHERE cluster_id = clusters.id), first_published_at)
     WHERE id = ?`,
  );
  let stories = 0;
  let clusters = 0;
  for (;;) {
    const rows = pick.all(cutoff, BATCH);
    if (!rows.length) break;
    db.transaction(() => {
      const touched = new Set<number>();
      for (const r of rows) {
        if (r.search_key !== null) delFts.run(r.search_key);
        delStory.run(r.id);
        touched.add(r.cluster_id);
      }
      for (const c of touched) {
        if (delCluster.run(c, c).changes) clusters++;
        else fixCluster.run(c);
      }
    })();
    stories += rows.length;
    if (rows.length < BATCH) break;
  }
  return { stories, clusters };
}

/** Prunes at start and then every six hours. */
export function retentionService(app: App, everyMs = 6 * 3600_000): Service {
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    try {
      const r = pruneOldStories(app.db, app.now().getTime(), app.config.CHIPWATCH_NEWS_RETENTION_DAYS);
      if (r.stories) app.log.info({ ...r, days: app.config.CHIPWATCH_NEWS_RETENTION_DAYS }, 'old news deleted');
    } catch (e) {
      app.log.error({ err: e }, 'news retention failed');
    }
  };
  return {
    name: 'news-retention',
    async start() {
      runOnce();
      timer = setInterval(runOnce, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
    },
  };
}
