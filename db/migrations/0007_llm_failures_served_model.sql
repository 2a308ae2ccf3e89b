CREATE TABLE `latent_failures` (
	`cache_id` integer NOT NULL,
	`latent` integer NOT NULL,
	`stage` text NOT NULL,
	`source` text NOT NULL,
	`explanation_id` integer,
	`reason` text NOT NULL,
	`detail` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`cache_id`, `latent`, `stage`, `source`),
	FOREIGN KEY (`cache_id`) REFERENCES `activation_caches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`explanation_id`) REFERENCES `explanations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `explanation_scores` ADD `served_model` text;--> statement-breakpoint
ALTER TABLE `explanations` ADD `served_model` text;