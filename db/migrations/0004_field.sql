CREATE TABLE `idempotency_keys` (
	`actor` text NOT NULL,
	`key` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_actor_key` ON `idempotency_keys` (`actor`,`key`);--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`uploaded_by` text NOT NULL,
	`client_key` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`exif_lat` real,
	`exif_lng` real,
	`exif_taken_at` text,
	`uploaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `photos_client_key` ON `photos` (`uploaded_by`,`client_key`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `arrival_source` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `arrival_lat` real;--> statement-breakpoint
ALTER TABLE `incidents` ADD `arrival_lng` real;--> statement-breakpoint
ALTER TABLE `users` ADD `staff_id` text REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `work_orders` ADD `photos` text;