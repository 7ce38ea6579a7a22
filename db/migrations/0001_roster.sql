CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shifts_start` ON `shifts` (`start`);--> statement-breakpoint
CREATE INDEX `shifts_staff` ON `shifts` (`staff_id`,`start`);--> statement-breakpoint
CREATE TABLE `staff_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`education` text,
	`law_degree` integer NOT NULL,
	`birth_date` text,
	`driving_licence` integer NOT NULL,
	`gender` text,
	`hire_date` text,
	`leave_date` text,
	`status` text NOT NULL,
	`replacement_requested_on` text,
	`replacement_fulfilled_on` text,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
