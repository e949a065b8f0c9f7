CREATE TABLE "takedown_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"outcome" text,
	"reason" text,
	"detail" text,
	"capture_request_id" uuid,
	"evidence_id" uuid,
	"checked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platforms" ADD COLUMN "unavailable_markers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD COLUMN "retention_reminder_150_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "takedown_targets" ADD COLUMN "retention_reminder_170_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "takedown_checks" ADD CONSTRAINT "takedown_checks_target_id_takedown_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."takedown_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_checks" ADD CONSTRAINT "takedown_checks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_checks" ADD CONSTRAINT "takedown_checks_capture_request_id_capture_requests_id_fk" FOREIGN KEY ("capture_request_id") REFERENCES "public"."capture_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_checks" ADD CONSTRAINT "takedown_checks_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "takedown_checks_target_idx" ON "takedown_checks" USING btree ("target_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "takedown_checks_deadline_uq" ON "takedown_checks" USING btree ("target_id") WHERE "trigger" = 'deadline';--> statement-breakpoint
-- Backfill for databases seeded before 0012: the seeded platforms get the department's marker list (see UNAVAILABLE_MARKERS), unless an administrator has set markers already.
UPDATE "platforms" SET "unavailable_markers" = ARRAY['Sorry, this page isn''t available.', '很抱歉，此頁面無法使用。']::text[] WHERE "code" = 'instagram' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['Sorry, this page isn''t available.', '很抱歉，此頁面無法使用。']::text[] WHERE "code" = 'threads' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This content isn''t available right now', '目前無法查看此內容']::text[] WHERE "code" = 'facebook' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This content isn''t available right now', '目前無法查看此內容']::text[] WHERE "code" = 'messenger' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This post is unavailable', 'Hmm...this page doesn''t exist.', '這則貼文無法顯示', '此頁面不存在']::text[] WHERE "code" = 'x' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['Video currently unavailable', '影片目前無法觀看', 'Couldn''t find this account']::text[] WHERE "code" = 'tiktok' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['Video unavailable', '影片無法播放', 'This video has been removed', '這部影片已遭移除']::text[] WHERE "code" = 'youtube' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['文章已被刪除', '這篇文章已被刪除', '找不到這篇文章']::text[] WHERE "code" = 'dcard' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['404 - Not Found.']::text[] WHERE "code" = 'ptt' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['当前内容无法展示', '笔记不存在']::text[] WHERE "code" = 'xiaohongshu' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This content was not found', 'Sorry, we couldn''t find that']::text[] WHERE "code" = 'snapchat' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This page could not be found']::text[] WHERE "code" = 'bereal' AND "unavailable_markers" = '{}'::text[];--> statement-breakpoint
UPDATE "platforms" SET "unavailable_markers" = ARRAY['This page could not be found']::text[] WHERE "code" = 'retro' AND "unavailable_markers" = '{}'::text[];
