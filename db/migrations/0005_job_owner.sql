ALTER TABLE `jobs` ADD `owner_pid` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `owner_host` text;