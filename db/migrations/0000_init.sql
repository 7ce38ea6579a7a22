CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_entity` ON `events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `events_at` ON `events` (`at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`address` text,
	`grid_cell` text,
	`severity` text NOT NULL,
	`state` text NOT NULL,
	`reported_at` text NOT NULL,
	`responder_id` text,
	`dispatched_at` text,
	`dispatch_lat` real,
	`dispatch_lng` real,
	`distance_km` real,
	`arrival_deadline` text,
	`arrived_at` text,
	`late` integer,
	`reports` text NOT NULL,
	`closed_at` text,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`responder_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_state` ON `incidents` (`state`);--> statement-breakpoint
CREATE TABLE `responder_positions` (
	`responder_id` text PRIMARY KEY NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`responder_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`post` text NOT NULL,
	`on_duty` integer NOT NULL,
	`active` integer NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`category_kind` text NOT NULL,
	`category_class` text NOT NULL,
	`category_sub_class` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`address` text,
	`grid_cell` text,
	`reporter_name` text,
	`reporter_phone` text,
	`priority` text NOT NULL,
	`state` text NOT NULL,
	`resume_state` text,
	`handling_deadline` text,
	`department` text,
	`dispatch_count` integer NOT NULL,
	`wrong_dispatch_count` integer NOT NULL,
	`supervised` integer NOT NULL,
	`satisfaction` text,
	`timestamps` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_channel_external` ON `work_orders` (`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `work_orders_state` ON `work_orders` (`state`);--> statement-breakpoint
CREATE INDEX `work_orders_updated` ON `work_orders` (`updated_at`);