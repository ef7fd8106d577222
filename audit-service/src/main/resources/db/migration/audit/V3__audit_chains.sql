-- One hash chain per mail.audit partition instead of one global chain, so appends from different
-- partitions no longer wait for each other. Each row names its chain and its position in it (1, 2, ...;
-- position 0 is the chain's genesis). Rows stored before this migration form the chain 'legacy', in seq
-- order, and keep their hash format (which binds neither chain nor position); rows of the partition
-- chains ('mail.audit-<partition>') are hashed with both, so no row can be moved between chains.
alter table audit_log add column chain_id text;
alter table audit_log add column chain_position bigint;
update audit_log a
   set chain_id = 'legacy', chain_position = n.position
  from (select seq, row_number() over (order by seq) as position from audit_log) n
 where a.seq = n.seq;
alter table audit_log alter column chain_id set not null;
alter table audit_log alter column chain_position set not null;
-- The head of a chain is its highest position; verification and archiving walk a chain in order.
create unique index audit_log_chain_position on audit_log (chain_id, chain_position);

-- Checkpoints anchor a chain's head (position and hash) at a moment. Each is sealed with an HMAC under
-- deskpost.audit.checkpoint.secret, which is not in the database: whoever can rewrite the table can
-- recompute every row hash, but cannot forge a checkpoint. Verification starts from the newest one.
create table audit_checkpoint (
    id             bigserial   primary key,
    chain_id       text        not null,
    chain_position bigint      not null,
    hash           text        not null,
    created_at     timestamptz not null,
    seal           text        not null,
    unique (chain_id, chain_position)
);

-- Segments archived to files and dropped from audit_log: positions from_position..to_position of a chain,
-- ending at a checkpoint. The first row left in audit_log links to last_hash (the archived head). Sealed
-- like checkpoints, the file's SHA-256 included, so neither the record nor the file can be swapped.
create table audit_archive (
    id             bigserial   primary key,
    chain_id       text        not null,
    from_position  bigint      not null,
    to_position    bigint      not null,
    row_count      bigint      not null,
    first_prev_hash text       not null,
    last_hash      text        not null,
    file           text        not null,
    file_sha256    text        not null,
    archived_at    timestamptz not null,
    seal           text        not null,
    unique (chain_id, to_position)
);
