ALTER TABLE `work_orders` ADD `replayed` integer DEFAULT false NOT NULL;
--> statement-breakpoint
-- Orders replayed before the column existed: until then the mark was kept only in their received event.
UPDATE `work_orders` SET `replayed` = 1 WHERE `id` IN (SELECT `entity_id` FROM `events` WHERE `type` = 'workOrder.received' AND json_extract(`payload`, '$.workOrder.replayed') = 1);
