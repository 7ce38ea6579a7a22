ALTER TABLE "work_orders" ADD COLUMN "replayed" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Orders replayed before the column existed: until then the mark was kept only in their received event.
UPDATE "work_orders" SET "replayed" = true WHERE "id" IN (SELECT "entity_id" FROM "events" WHERE "type" = 'workOrder.received' AND ("payload"->'workOrder'->>'replayed') = 'true');
