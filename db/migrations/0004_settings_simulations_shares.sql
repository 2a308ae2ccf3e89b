CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `explanation_simulations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`explanation_id` integer NOT NULL,
	`simulator_id` text NOT NULL,
	`context_count` integer NOT NULL,
	`failed_count` integer NOT NULL,
	`correlation` real,
	`rewrite_impact_nats` real,
	`result_json` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`explanation_id`) REFERENCES `explanations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `explanation_simulations_explanation` ON `explanation_simulations` (`explanation_id`,`id`);--> statement-breakpoint
CREATE TABLE `shares` (
	`slug` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`pack_name` text NOT NULL,
	`pack_identity` text NOT NULL,
	`snapshot_json` text NOT NULL,
	`created_at` text NOT NULL
);
