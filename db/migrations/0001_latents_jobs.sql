CREATE TABLE `activation_caches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pack_identity` text NOT NULL,
	`hookpoint` text NOT NULL,
	`coder_kind` text NOT NULL,
	`dir` text NOT NULL,
	`num_latents` integer NOT NULL,
	`context_length` integer NOT NULL,
	`num_contexts` integer NOT NULL,
	`num_tokens` integer NOT NULL,
	`non_zeros` integer NOT NULL,
	`window_length` integer DEFAULT 32 NOT NULL,
	`summarized_latents` integer DEFAULT 0 NOT NULL,
	`built_at` text NOT NULL,
	`summarized_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_caches_pack_hookpoint` ON `activation_caches` (`pack_identity`,`hookpoint`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`params_json` text NOT NULL,
	`status` text NOT NULL,
	`progress_done` integer DEFAULT 0 NOT NULL,
	`progress_total` integer DEFAULT 0 NOT NULL,
	`message` text,
	`error` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`heartbeat_at` text
);
--> statement-breakpoint
CREATE INDEX `jobs_status` ON `jobs` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `latent_distributions` (
	`latent_id` integer PRIMARY KEY NOT NULL,
	`histogram_edges` blob NOT NULL,
	`histogram_counts` blob NOT NULL,
	`quantiles` blob NOT NULL,
	FOREIGN KEY (`latent_id`) REFERENCES `latents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `latent_examples` (
	`latent_id` integer NOT NULL,
	`kind` text NOT NULL,
	`bin` integer NOT NULL,
	`windows` blob NOT NULL,
	PRIMARY KEY(`latent_id`, `kind`, `bin`),
	FOREIGN KEY (`latent_id`) REFERENCES `latents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `latent_neighbours` (
	`latent_id` integer NOT NULL,
	`rank` integer NOT NULL,
	`neighbour` integer NOT NULL,
	`cosine` real NOT NULL,
	PRIMARY KEY(`latent_id`, `rank`),
	FOREIGN KEY (`latent_id`) REFERENCES `latents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `latents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cache_id` integer NOT NULL,
	`latent` integer NOT NULL,
	`non_zero_count` integer NOT NULL,
	`frequency` real NOT NULL,
	`max_activation` real NOT NULL,
	`mean_non_zero` real NOT NULL,
	`explanation` text,
	`detection_score` real,
	`fuzzing_score` real,
	FOREIGN KEY (`cache_id`) REFERENCES `activation_caches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `latents_cache_latent` ON `latents` (`cache_id`,`latent`);--> statement-breakpoint
CREATE INDEX `latents_cache_frequency` ON `latents` (`cache_id`,`frequency`);--> statement-breakpoint
CREATE INDEX `latents_cache_max` ON `latents` (`cache_id`,`max_activation`);--> statement-breakpoint
CREATE INDEX `latents_cache_detection` ON `latents` (`cache_id`,`detection_score`);--> statement-breakpoint
CREATE INDEX `latents_cache_fuzzing` ON `latents` (`cache_id`,`fuzzing_score`);