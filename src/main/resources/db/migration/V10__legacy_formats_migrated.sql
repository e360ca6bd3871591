-- When the one-time move of pre-key-epoch data into today's formats finished (privacy.LegacyFormats).
-- After that nothing is re-sealed: an old-format value written into a row later (say, copied from a
-- backup made before the upgrade) stays unreadable instead of being bound to the row it was put in.
CREATE TABLE legacy_formats_migrated (
    finished_at timestamptz NOT NULL
);
