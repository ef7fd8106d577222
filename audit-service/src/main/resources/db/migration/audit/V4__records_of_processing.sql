-- Records of processing (GDPR art. 30): each row stored from now on names the processing activity it was recorded
-- under (the draft's event type, its category's default, or its own entry for rows about no mail), with that
-- activity's lawful basis (art. 6(1)) and purpose as configured when the row was stored (deskpost.processing). The
-- three enter the row's hash (format 3, ChainHash), so they cannot be changed afterwards. Rows stored before this
-- migration keep them NULL and keep their hash format: they verify as before.
alter table audit_log add column processing_activity text;
alter table audit_log add column lawful_basis text;
alter table audit_log add column purpose text;
-- The register's count of rows per activity reads this index only, never the table.
create index audit_log_processing on audit_log (processing_activity);
