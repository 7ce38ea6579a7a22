ALTER TABLE `sessions` ADD `api_key_id` text;--> statement-breakpoint
CREATE INDEX `sessions_api_key` ON `sessions` (`api_key_id`);