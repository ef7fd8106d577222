-- Staff accounts, managed at runtime (/api/v1/admin/staff, /ops/admin) and read at every sign-in by every replica.
-- Seeded from deskpost.oversight.staff: an account whose member id is not stored yet is added at start-up; a stored
-- one is never overwritten by the configuration. Passwords only as Spring-encoded slow hashes ({bcrypt}...).
create table staff_accounts (
    member_id text primary key,
    name text not null,
    password_hash text not null check (password_hash like '{bcrypt}%' or password_hash like '{argon2%'),
    admin boolean not null default false,
    enabled boolean not null default true,
    changed_at timestamptz not null default now()
);
