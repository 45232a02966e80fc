CREATE TABLE `forward_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`url` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`give_up_at` integer NOT NULL,
	`last_attempt_at` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forward_deliveries_event_url` ON `forward_deliveries` (`event_id`,`url`);--> statement-breakpoint
CREATE INDEX `forward_deliveries_due` ON `forward_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `events_type_deliveries` ON `events` (`type`,`deliveries`);