CREATE TABLE `roster_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `roster_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `students_inserted_version` AFTER INSERT ON `students` BEGIN
	UPDATE `roster_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `students_updated_version` AFTER UPDATE ON `students` BEGIN
	UPDATE `roster_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `students_deleted_version` AFTER DELETE ON `students` BEGIN
	UPDATE `roster_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
