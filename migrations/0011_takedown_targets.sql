CREATE TABLE "takedown_data_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"result" text,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "takedown_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"url_id" uuid NOT NULL,
	"finding_id" uuid,
	"url" text NOT NULL,
	"platform_id" uuid,
	"state" text NOT NULL,
	"sealed_evidence_id" uuid,
	"reported_at" timestamp (3) with time zone,
	"report_channel" text,
	"report_contact_id" uuid,
	"report_reference" text,
	"report_mail_id" uuid,
	"order_document_number" text,
	"order_issued_at" timestamp (3) with time zone,
	"due_at" timestamp (3) with time zone,
	"retention_ends_at" timestamp (3) with time zone,
	"removed_at" timestamp (3) with time zone,
	"removal_evidence_id" uuid,
	"rpz_domain" text,
	"rpz_requested_at" timestamp (3) with time zone,
	"rpz_applied_at" timestamp (3) with time zone,
	"withdrawn_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "takedown_data_requests" ADD CONSTRAINT "takedown_data_requests_target_id_takedown_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."takedown_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_data_requests" ADD CONSTRAINT "takedown_data_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_url_id_known_urls_id_fk" FOREIGN KEY ("url_id") REFERENCES "public"."known_urls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_sealed_evidence_id_evidence_items_id_fk" FOREIGN KEY ("sealed_evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_report_contact_id_liaison_contacts_id_fk" FOREIGN KEY ("report_contact_id") REFERENCES "public"."liaison_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_removal_evidence_id_evidence_items_id_fk" FOREIGN KEY ("removal_evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "takedown_data_requests_target_idx" ON "takedown_data_requests" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "takedown_targets_url_uq" ON "takedown_targets" USING btree ("url_id");--> statement-breakpoint
CREATE INDEX "takedown_targets_case_idx" ON "takedown_targets" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "takedown_targets_state_due_idx" ON "takedown_targets" USING btree ("state","due_at");