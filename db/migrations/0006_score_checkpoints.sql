CREATE TABLE `score_checkpoints` (
	`version` integer NOT NULL,
	`seq` integer NOT NULL,
	`state` blob NOT NULL,
	`written_at` text NOT NULL,
	PRIMARY KEY(`version`, `seq`)
);
