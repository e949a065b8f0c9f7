CREATE TABLE "evidence_image_hash_runs" (
	"evidence_item_id" uuid PRIMARY KEY NOT NULL,
	"finished_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"images" integer NOT NULL,
	"matches" integer NOT NULL,
	"skipped" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_image_hashes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_image_hashes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"evidence_item_id" uuid NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"target_uri" text,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"md5" text NOT NULL,
	"pdq" text,
	"pdq_quality" integer,
	"pdq_dihedral" text[],
	"hashed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_image_hashes_item_sha_uq" UNIQUE("evidence_item_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "hash_bank_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hash_bank_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bank_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"hash_type" text NOT NULL,
	"hash" text NOT NULL,
	"label" text,
	"source" text,
	CONSTRAINT "hash_bank_entries_bank_hash_uq" UNIQUE("bank_id","hash_type","hash")
);
--> statement-breakpoint
CREATE TABLE "hash_bank_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_id" uuid NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"row_count" integer NOT NULL,
	"added_count" integer NOT NULL,
	"csv_sha256" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "hash_banks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hash_banks_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "image_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"distance" integer NOT NULL,
	"dihedral" text,
	"image_hash_id" bigint NOT NULL,
	"evidence_item_id" uuid NOT NULL,
	"finding_id" uuid,
	"case_id" uuid,
	"bank_id" uuid,
	"bank_entry_id" bigint,
	"other_image_hash_id" bigint,
	"other_evidence_item_id" uuid,
	"other_finding_id" uuid,
	"other_case_id" uuid,
	"matched_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_matches_bank_uq" UNIQUE("image_hash_id","bank_entry_id"),
	CONSTRAINT "image_matches_evidence_uq" UNIQUE("image_hash_id","other_image_hash_id"),
	CONSTRAINT "image_matches_kind_ck" CHECK (("image_matches"."kind" = 'bank' and "image_matches"."bank_entry_id" is not null and "image_matches"."other_image_hash_id" is null) or ("image_matches"."kind" = 'evidence' and "image_matches"."other_image_hash_id" is not null and "image_matches"."bank_entry_id" is null))
);
--> statement-breakpoint
ALTER TABLE "evidence_image_hash_runs" ADD CONSTRAINT "evidence_image_hash_runs_evidence_item_id_evidence_items_id_fk" FOREIGN KEY ("evidence_item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_image_hashes" ADD CONSTRAINT "evidence_image_hashes_evidence_item_id_evidence_items_id_fk" FOREIGN KEY ("evidence_item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hash_bank_entries" ADD CONSTRAINT "hash_bank_entries_bank_id_hash_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."hash_banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hash_bank_entries" ADD CONSTRAINT "hash_bank_entries_import_id_hash_bank_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."hash_bank_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hash_bank_imports" ADD CONSTRAINT "hash_bank_imports_bank_id_hash_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."hash_banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hash_bank_imports" ADD CONSTRAINT "hash_bank_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hash_banks" ADD CONSTRAINT "hash_banks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_image_hash_id_evidence_image_hashes_id_fk" FOREIGN KEY ("image_hash_id") REFERENCES "public"."evidence_image_hashes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_evidence_item_id_evidence_items_id_fk" FOREIGN KEY ("evidence_item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_bank_id_hash_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."hash_banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_bank_entry_id_hash_bank_entries_id_fk" FOREIGN KEY ("bank_entry_id") REFERENCES "public"."hash_bank_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_other_image_hash_id_evidence_image_hashes_id_fk" FOREIGN KEY ("other_image_hash_id") REFERENCES "public"."evidence_image_hashes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_matches" ADD CONSTRAINT "image_matches_other_evidence_item_id_evidence_items_id_fk" FOREIGN KEY ("other_evidence_item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_image_hashes_sha_idx" ON "evidence_image_hashes" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_image_hashes_md5_idx" ON "evidence_image_hashes" USING btree ("md5");--> statement-breakpoint
CREATE INDEX "hash_bank_entries_hash_idx" ON "hash_bank_entries" USING btree ("hash_type","hash");--> statement-breakpoint
CREATE INDEX "hash_bank_imports_bank_idx" ON "hash_bank_imports" USING btree ("bank_id","imported_at");--> statement-breakpoint
CREATE INDEX "image_matches_item_idx" ON "image_matches" USING btree ("evidence_item_id");--> statement-breakpoint
CREATE INDEX "image_matches_other_item_idx" ON "image_matches" USING btree ("other_evidence_item_id");--> statement-breakpoint
-- Hand-added (triggers are not in the Drizzle schema): image hashes, hash-bank entries, hashing
-- runs and matches are append-only like the evidence they describe (DESIGN.md evidence rules);
-- a bank is disabled, never emptied.
CREATE TRIGGER evidence_image_hashes_no_update_delete BEFORE UPDATE OR DELETE ON evidence_image_hashes
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_image_hashes_no_truncate BEFORE TRUNCATE ON evidence_image_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_image_hash_runs_no_update_delete BEFORE UPDATE OR DELETE ON evidence_image_hash_runs
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_image_hash_runs_no_truncate BEFORE TRUNCATE ON evidence_image_hash_runs
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER image_matches_no_update_delete BEFORE UPDATE OR DELETE ON image_matches
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER image_matches_no_truncate BEFORE TRUNCATE ON image_matches
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER hash_bank_entries_no_update_delete BEFORE UPDATE OR DELETE ON hash_bank_entries
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER hash_bank_entries_no_truncate BEFORE TRUNCATE ON hash_bank_entries
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
