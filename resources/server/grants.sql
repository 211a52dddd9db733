-- What the program's everyday role may do on the head office's server (kyodo-admin server grants).
-- Run by the role that owns the tables (the one that ran kyodo-admin init / migrate), after
-- every migration. {role} is the everyday role's name.
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
-- The audit trail is append-only: no role but the owner may change or remove an entry;
-- the retention purge may only blank a person's details in one (the triggers check the rest).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM {role};
GRANT UPDATE (before, after, redacted_at) ON audit_entry TO {role};
-- The schema is the migrations' alone.
REVOKE CREATE ON SCHEMA public FROM {role};
