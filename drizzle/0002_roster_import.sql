CREATE TABLE `roster_staging` (
	`run_id` text NOT NULL,
	`record` integer NOT NULL,
	`identifier` text NOT NULL,
	`identifier_key` text NOT NULL,
	`email_key` text,
	`secret_hash` text,
	`secret_kind` text DEFAULT 'text' NOT NULL,
	`name` text,
	`email` text,
	`photo` text,
	`about` text,
	`data` text,
	`disabled` integer DEFAULT false NOT NULL,
	`exams` text,
	`action` text,
	PRIMARY KEY(`run_id`, `identifier_key`)
);
--> statement-breakpoint
CREATE INDEX `roster_staging_pending` ON `roster_staging` (`run_id`,`action`) WHERE action <> 'same';--> statement-breakpoint
CREATE TABLE `student_photos` (
	`student_id` integer PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade
);
