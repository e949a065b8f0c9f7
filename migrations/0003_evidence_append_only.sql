-- Evidence is never altered (G6.1 ⑤, DESIGN.md evidence rules): items and their file lists are
-- append-only for every role, like the audit trail. A correction is a new item.
CREATE OR REPLACE FUNCTION csep_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_items_no_update_delete BEFORE UPDATE OR DELETE ON evidence_items
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_items_no_truncate BEFORE TRUNCATE ON evidence_items
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_update_delete BEFORE UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION csep_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files
  FOR EACH STATEMENT EXECUTE FUNCTION csep_evidence_append_only();
