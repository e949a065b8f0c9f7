CREATE TABLE "evidence_files" (
	"item_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"media_type" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "evidence_files_item_id_name_pk" PRIMARY KEY("item_id","name")
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"case_id" uuid,
	"finding_id" uuid,
	"source_url" text,
	"platform" text,
	"captured_by" uuid NOT NULL,
	"captured_at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ephemeral" boolean DEFAULT false NOT NULL,
	"sha256" text NOT NULL,
	"md5" text,
	"size_bytes" bigint NOT NULL,
	"media_type" text NOT NULL,
	"original_filename" text,
	"notes" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supersedes_id" uuid
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_item_id_evidence_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_owning_unit_id_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_supersedes_id_evidence_items_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_sha_idx" ON "evidence_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_unit_idx" ON "evidence_items" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE INDEX "evidence_case_idx" ON "evidence_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "evidence_sha_idx" ON "evidence_items" USING btree ("sha256");