ALTER TABLE "takedown_targets" ADD COLUMN "rpz_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD COLUMN "rpz_mail_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD CONSTRAINT "takedown_targets_rpz_contact_id_liaison_contacts_id_fk" FOREIGN KEY ("rpz_contact_id") REFERENCES "public"."liaison_contacts"("id") ON DELETE no action ON UPDATE no action;