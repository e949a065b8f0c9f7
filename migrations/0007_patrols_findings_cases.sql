CREATE TABLE "case_number_counters" (
	"unit_id" uuid NOT NULL,
	"roc_year" integer NOT NULL,
	"last_sequence" integer NOT NULL,
	CONSTRAINT "case_number_counters_unit_id_roc_year_pk" PRIMARY KEY("unit_id","roc_year")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"roc_year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"status" text DEFAULT 'open' NOT NULL,
	"cib_assistance" text DEFAULT 'none' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_unit_year_sequence_uq" UNIQUE("owning_unit_id","roc_year","sequence")
);
--> statement-breakpoint
CREATE TABLE "patrol_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"platform_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "finding_sightings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"patrol_session_id" uuid,
	"seen_by" uuid NOT NULL,
	"seen_at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url_id" uuid NOT NULL,
	"url" text NOT NULL,
	"platform_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"recorded_by" uuid NOT NULL,
	"patrol_session_id" uuid,
	"account_name" text,
	"account_id" text,
	"poster_ip" text,
	"identity_source" text,
	"content_text" text,
	"posted_at" timestamp (3) with time zone,
	"seen_at" timestamp (3) with time zone NOT NULL,
	"ephemeral" boolean DEFAULT false NOT NULL,
	"target_category" text DEFAULT 'unassessed' NOT NULL,
	"triage_score" integer DEFAULT 0 NOT NULL,
	"triage" jsonb,
	"page_triage" jsonb,
	"notes" text,
	"case_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "findings_url_unit_uq" UNIQUE("url_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "known_urls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"canonical_url" text NOT NULL,
	"host" text NOT NULL,
	"first_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_urls_canonical_url_unique" UNIQUE("canonical_url")
);
--> statement-breakpoint
ALTER TABLE "capture_requests" ADD COLUMN "finding_id" uuid;--> statement-breakpoint
ALTER TABLE "case_number_counters" ADD CONSTRAINT "case_number_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owning_unit_id_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_sessions" ADD CONSTRAINT "patrol_sessions_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_sessions" ADD CONSTRAINT "patrol_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_sightings" ADD CONSTRAINT "finding_sightings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_sightings" ADD CONSTRAINT "finding_sightings_patrol_session_id_patrol_sessions_id_fk" FOREIGN KEY ("patrol_session_id") REFERENCES "public"."patrol_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_sightings" ADD CONSTRAINT "finding_sightings_seen_by_users_id_fk" FOREIGN KEY ("seen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_url_id_known_urls_id_fk" FOREIGN KEY ("url_id") REFERENCES "public"."known_urls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_patrol_session_id_patrol_sessions_id_fk" FOREIGN KEY ("patrol_session_id") REFERENCES "public"."patrol_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_unit_created_idx" ON "cases" USING btree ("owning_unit_id","created_at");--> statement-breakpoint
CREATE INDEX "patrol_sessions_unit_started_idx" ON "patrol_sessions" USING btree ("unit_id","started_at");--> statement-breakpoint
CREATE INDEX "patrol_sessions_officer_started_idx" ON "patrol_sessions" USING btree ("officer_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_sessions_one_open_per_officer" ON "patrol_sessions" USING btree ("officer_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "finding_sightings_finding_idx" ON "finding_sightings" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "finding_sightings_patrol_idx" ON "finding_sightings" USING btree ("patrol_session_id");--> statement-breakpoint
CREATE INDEX "findings_unit_seen_idx" ON "findings" USING btree ("unit_id","seen_at");--> statement-breakpoint
CREATE INDEX "findings_case_idx" ON "findings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "findings_platform_seen_idx" ON "findings" USING btree ("platform_id","seen_at");--> statement-breakpoint
CREATE INDEX "findings_patrol_idx" ON "findings" USING btree ("patrol_session_id");--> statement-breakpoint
CREATE INDEX "findings_account_idx" ON "findings" USING btree ("platform_id","account_id");--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_requests" ADD CONSTRAINT "capture_requests_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_finding_idx" ON "evidence_items" USING btree ("finding_id");