CREATE TABLE `evaluation_arrays` (
	`run_id` integer NOT NULL,
	`name` text NOT NULL,
	`dtype` text NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`run_id`, `name`),
	FOREIGN KEY (`run_id`) REFERENCES `evaluation_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `evaluation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cache_id` integer NOT NULL,
	`pack_identity` text NOT NULL,
	`simulator_id` text NOT NULL,
	`seed` integer NOT NULL,
	`config_json` text NOT NULL,
	`status` text NOT NULL,
	`prompt_count` integer NOT NULL,
	`result_json` text,
	`error` text,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`cache_id`) REFERENCES `activation_caches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evaluation_runs_cache` ON `evaluation_runs` (`cache_id`,`id`);--> statement-breakpoint
CREATE TABLE `explanation_scores` (
	`explanation_id` integer NOT NULL,
	`scorer` text NOT NULL,
	`scorer_source` text NOT NULL,
	`balanced_accuracy` real NOT NULL,
	`precision` real,
	`recall` real,
	`f1` real,
	`auc` real,
	`example_count` integer NOT NULL,
	`failed_count` integer NOT NULL,
	`details_json` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`explanation_id`, `scorer`, `scorer_source`),
	FOREIGN KEY (`explanation_id`) REFERENCES `explanations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `explanations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cache_id` integer NOT NULL,
	`latent` integer NOT NULL,
	`text` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_detail` text,
	`parent_id` integer,
	`is_current` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cache_id`) REFERENCES `activation_caches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `explanations_cache_latent` ON `explanations` (`cache_id`,`latent`,`id`);--> statement-breakpoint
CREATE TABLE `predictions` (
	`simulator_id` text NOT NULL,
	`explanation_hash` text NOT NULL,
	`context_id` text NOT NULL,
	`ok` integer NOT NULL,
	`prediction` real,
	`digit_probs` blob,
	`failure_reason` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`simulator_id`, `explanation_hash`, `context_id`)
);
