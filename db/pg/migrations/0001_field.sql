CREATE TABLE "idempotency_keys" (
	"actor" text NOT NULL,
	"key" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" text PRIMARY KEY NOT NULL,
	"uploaded_by" text NOT NULL,
	"client_key" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"exif_lat" double precision,
	"exif_lng" double precision,
	"exif_taken_at" text,
	"uploaded_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "arrival_source" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "arrival_lat" double precision;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "arrival_lng" double precision;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "staff_id" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "photos" json;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_actor_key" ON "idempotency_keys" USING btree ("actor","key");--> statement-breakpoint
CREATE UNIQUE INDEX "photos_client_key" ON "photos" USING btree ("uploaded_by","client_key");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE no action ON UPDATE no action;