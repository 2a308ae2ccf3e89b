-- Full-text search over latent explanations (FTS5, external content on `latents`, rowid = latents.id).
-- Triggers keep the index in sync; an UPDATE that does not touch `explanation` (stats refresh) does not fire.
CREATE VIRTUAL TABLE `latents_fts` USING fts5(`explanation`, content='latents', content_rowid='id', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER `latents_fts_after_insert` AFTER INSERT ON `latents` BEGIN
  INSERT INTO `latents_fts`(rowid, `explanation`) VALUES (new.`id`, new.`explanation`);
END;
--> statement-breakpoint
CREATE TRIGGER `latents_fts_after_delete` AFTER DELETE ON `latents` BEGIN
  INSERT INTO `latents_fts`(`latents_fts`, rowid, `explanation`) VALUES ('delete', old.`id`, old.`explanation`);
END;
--> statement-breakpoint
CREATE TRIGGER `latents_fts_after_update` AFTER UPDATE OF `explanation` ON `latents` BEGIN
  INSERT INTO `latents_fts`(`latents_fts`, rowid, `explanation`) VALUES ('delete', old.`id`, old.`explanation`);
  INSERT INTO `latents_fts`(rowid, `explanation`) VALUES (new.`id`, new.`explanation`);
END;
