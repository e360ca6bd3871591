-- Admins read the audit log newest first, filtered by action or by person (GET /api/audit,
-- /admin/audit); the topic filter already has audit_log_topic_idx.
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action_at_idx ON audit_log (action, at DESC, id DESC);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at DESC, id DESC);
