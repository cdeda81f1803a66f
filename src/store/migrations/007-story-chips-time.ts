// A chip's latest stories (the "Latest news" card under /chip <chip>) newest first from one key, as
// story_vendors already does for vendors: story_chips gains the story's publication time (copied from
// stories, which never changes it) and is keyed (chip, published_at, story), so "the newest N about this
// chip" is a short walk down the primary key instead of a sort of every story ever tagged with the chip.
// The table is rebuilt (a WITHOUT ROWID table's primary key cannot change in place:
// https://www.sqlite.org/lang_altertable.html#otheralter); nothing references story_chips. A row whose
// story is already gone (impossible with foreign keys on, which cascade) is not carried over.
import type { Migration } from '../migrate.ts';

export const m007StoryChipsTime: Migration = {
  version: 7,
  name: 'story-chips-time',
  up(db) {
    db.exec(`
      CREATE TABLE story_chips_new (
        chip_slug TEXT NOT NULL,
        published_at INTEGER NOT NULL,    -- copied from stories: newest-first per chip without a join
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (chip_slug, published_at, story_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO story_chips_new (chip_slug, published_at, story_id)
        SELECT c.chip_slug, s.published_at, c.story_id FROM story_chips c JOIN stories s ON s.id = c.story_id;
      DROP TABLE story_chips;
      ALTER TABLE story_chips_new RENAME TO story_chips;
      CREATE INDEX story_chips_by_story ON story_chips(story_id);
    `);
  },
};
