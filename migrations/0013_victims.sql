CREATE TABLE "victim_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"victim_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	"scope" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "victim_legal_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"victim_id" uuid,
	"reason" text NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp (3) with time zone NOT NULL,
	"cleared_by" uuid,
	"cleared_at" timestamp (3) with time zone,
	"clear_reason" text
);
--> statement-breakpoint
CREATE TABLE "victim_services" (
	"victim_id" uuid NOT NULL,
	"service" text NOT NULL,
	"offered_on" date NOT NULL,
	"response" text,
	"responded_on" date,
	"given_on" date,
	"note" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "victim_services_victim_id_service_pk" PRIMARY KEY("victim_id","service")
);
--> statement-breakpoint
CREATE TABLE "victim_sipc_complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"victim_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"channel" text NOT NULL,
	"sipc_reference" text,
	"minor_at_filing" boolean NOT NULL,
	"target_hours" integer NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"authorisation_id" uuid,
	"content" jsonb NOT NULL,
	"outcome" text,
	"outcome_at" timestamp (3) with time zone,
	"outcome_note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "victim_sipc_target_hours" CHECK ("victim_sipc_complaints"."target_hours" in (24, 72))
);
--> statement-breakpoint
CREATE TABLE "victims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"masked_name" text NOT NULL,
	"masked_national_id" text,
	"masked_guardian_name" text,
	"has_contact" boolean DEFAULT false NOT NULL,
	"has_guardian_contact" boolean DEFAULT false NOT NULL,
	"name_sealed" text,
	"national_id_sealed" text,
	"date_of_birth_sealed" text,
	"contact_sealed" text,
	"guardian_name_sealed" text,
	"guardian_contact_sealed" text,
	"key_id" text,
	"incident_date" date NOT NULL,
	"sex" text,
	"notes" text,
	"is_minor" boolean NOT NULL,
	"age_at_incident" integer NOT NULL,
	"age_rule" text NOT NULL,
	"social_worker_name" text,
	"social_worker_arrived_at" timestamp (3) with time zone,
	"wants_social_worker" text,
	"wants_counselling_referral" text,
	"referral_answered_at" timestamp (3) with time zone,
	"purged_at" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "victims_sealed_or_purged" CHECK (("victims"."purged_at" is null and "victims"."name_sealed" is not null and "victims"."key_id" is not null) or ("victims"."purged_at" is not null and "victims"."name_sealed" is null and "victims"."national_id_sealed" is null and "victims"."date_of_birth_sealed" is null and "victims"."contact_sealed" is null and "victims"."guardian_name_sealed" is null and "victims"."guardian_contact_sealed" is null))
);
--> statement-breakpoint
ALTER TABLE "victim_authorisations" ADD CONSTRAINT "victim_authorisations_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_authorisations" ADD CONSTRAINT "victim_authorisations_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_authorisations" ADD CONSTRAINT "victim_authorisations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_legal_holds" ADD CONSTRAINT "victim_legal_holds_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_legal_holds" ADD CONSTRAINT "victim_legal_holds_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_legal_holds" ADD CONSTRAINT "victim_legal_holds_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_legal_holds" ADD CONSTRAINT "victim_legal_holds_cleared_by_users_id_fk" FOREIGN KEY ("cleared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_services" ADD CONSTRAINT "victim_services_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_services" ADD CONSTRAINT "victim_services_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_sipc_complaints" ADD CONSTRAINT "victim_sipc_complaints_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_sipc_complaints" ADD CONSTRAINT "victim_sipc_complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_sipc_complaints" ADD CONSTRAINT "victim_sipc_complaints_authorisation_id_victim_authorisations_id_fk" FOREIGN KEY ("authorisation_id") REFERENCES "public"."victim_authorisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_sipc_complaints" ADD CONSTRAINT "victim_sipc_complaints_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victims" ADD CONSTRAINT "victims_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victims" ADD CONSTRAINT "victims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "victim_authorisations_victim_idx" ON "victim_authorisations" USING btree ("victim_id");--> statement-breakpoint
CREATE INDEX "victim_authorisations_evidence_idx" ON "victim_authorisations" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "victim_legal_holds_case_idx" ON "victim_legal_holds" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "victim_legal_holds_case_active_uq" ON "victim_legal_holds" USING btree ("case_id") WHERE "victim_legal_holds"."victim_id" is null and "victim_legal_holds"."cleared_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "victim_legal_holds_victim_active_uq" ON "victim_legal_holds" USING btree ("victim_id") WHERE "victim_legal_holds"."victim_id" is not null and "victim_legal_holds"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "victim_sipc_victim_idx" ON "victim_sipc_complaints" USING btree ("victim_id","filed_at");--> statement-breakpoint
CREATE INDEX "victim_sipc_open_due_idx" ON "victim_sipc_complaints" USING btree ("outcome","due_at");--> statement-breakpoint
CREATE INDEX "victims_case_idx" ON "victims" USING btree ("case_id","created_at");