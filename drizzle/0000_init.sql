CREATE TABLE `app_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `enrollments` (
	`exam_id` text NOT NULL,
	`student_id` integer NOT NULL,
	PRIMARY KEY(`exam_id`, `student_id`),
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`type` text NOT NULL,
	`exam_id` text,
	`respondent_id` text,
	`admitted_on` integer,
	`body` text NOT NULL,
	`received_at` integer NOT NULL,
	`deliveries` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_dedupe_key_unique` ON `events` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `events_received_at` ON `events` (`received_at`);--> statement-breakpoint
CREATE INDEX `events_exam_respondent` ON `events` (`exam_id`,`respondent_id`);--> statement-breakpoint
CREATE TABLE `exams` (
	`exam_id` text PRIMARY KEY NOT NULL,
	`field_roles` text NOT NULL,
	`enrollment_required` integer DEFAULT false NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `students` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `students_identifier_key_unique` ON `students` (`identifier_key`);--> statement-breakpoint
CREATE INDEX `students_email_key` ON `students` (`email_key`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`exam_id` text,
	`identifier_typed` text,
	`identifier_key` text,
	`student_id` integer,
	`outcome` text NOT NULL,
	`reason` text,
	`lang` text,
	`latency_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verifications_at` ON `verifications` (`at`);