CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"created_by" text NOT NULL,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "event_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"payload" json NOT NULL,
	"actor" text NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"grid_cell" text,
	"severity" text NOT NULL,
	"state" text NOT NULL,
	"reported_at" text NOT NULL,
	"responder_id" text,
	"dispatched_at" text,
	"dispatch_lat" double precision,
	"dispatch_lng" double precision,
	"distance_km" double precision,
	"arrival_deadline" text,
	"arrived_at" text,
	"late" boolean,
	"reports" json NOT NULL,
	"closed_at" text,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responder_positions" (
	"responder_id" text PRIMARY KEY NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"username" text,
	"api_key_id" text,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"post" text NOT NULL,
	"on_duty" boolean NOT NULL,
	"active" boolean NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"education" text,
	"law_degree" boolean NOT NULL,
	"birth_date" text,
	"driving_licence" boolean NOT NULL,
	"gender" text,
	"hire_date" text,
	"leave_date" text,
	"status" text NOT NULL,
	"replacement_requested_on" text,
	"replacement_fulfilled_on" text,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"username" text PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" text NOT NULL,
	"disabled" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"category_kind" text NOT NULL,
	"category_class" text NOT NULL,
	"category_sub_class" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"grid_cell" text,
	"reporter_name" text,
	"reporter_phone" text,
	"priority" text NOT NULL,
	"state" text NOT NULL,
	"resume_state" text,
	"handling_deadline" text,
	"department" text,
	"dispatch_count" integer NOT NULL,
	"wrong_dispatch_count" integer NOT NULL,
	"supervised" boolean NOT NULL,
	"satisfaction" text,
	"timestamps" json NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_responder_id_staff_id_fk" FOREIGN KEY ("responder_id") REFERENCES "staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responder_positions" ADD CONSTRAINT "responder_positions_responder_id_staff_id_fk" FOREIGN KEY ("responder_id") REFERENCES "staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_username_users_username_fk" FOREIGN KEY ("username") REFERENCES "users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_id_staff_id_fk" FOREIGN KEY ("id") REFERENCES "staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "events_entity" ON "events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "events_at" ON "events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "incidents_state" ON "incidents" USING btree ("state");--> statement-breakpoint
CREATE INDEX "sessions_username" ON "sessions" USING btree ("username");--> statement-breakpoint
CREATE INDEX "sessions_api_key" ON "sessions" USING btree ("api_key_id");--> statement-breakpoint
CREATE INDEX "shifts_start" ON "shifts" USING btree ("start");--> statement-breakpoint
CREATE INDEX "shifts_staff" ON "shifts" USING btree ("staff_id","start");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_channel_external" ON "work_orders" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "work_orders_state" ON "work_orders" USING btree ("state");--> statement-breakpoint
CREATE INDEX "work_orders_updated" ON "work_orders" USING btree ("updated_at");--> statement-breakpoint
INSERT INTO "event_head" ("id", "seq") VALUES (1, 0);
