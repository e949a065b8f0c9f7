ALTER TABLE "patrol_sessions" ADD COLUMN "focuses" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "target_kind" text;