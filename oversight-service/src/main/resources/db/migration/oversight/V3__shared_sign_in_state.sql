-- What a signed-in staff member's browser relies on lives here, not in one replica's memory, so any
-- oversight replica behind a load balancer serves any request.

-- The ops page's HTTP sessions, in the layout Spring Session JDBC (JdbcIndexedSessionRepository,
-- table name SPRING_SESSION) reads and writes: the sign-in, the CSRF token and the one-time
-- message after a decision. Times are epoch milliseconds, as Spring Session writes them. Every
-- replica deletes expired sessions once a minute (spring.session.jdbc.cleanup-cron).
create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,   -- the cookie's value; changes at sign-in (fixation)
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,   -- seconds (server.servlet.session.timeout)
    expiry_time            bigint       not null,
    principal_name         varchar(100),            -- the staff member id once signed in
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);        -- the cleanup's delete
create index spring_session_ix3 on spring_session (principal_name);

-- A session's attributes, each serialised on its own; they go with their session.
create table spring_session_attributes (
    session_primary_id  char(36)      not null,
    attribute_name      varchar(200)  not null,
    attribute_bytes     bytea         not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- Failed sign-ins per account and per client address (LoginThrottle), counted by every replica
-- together: N replicas must not allow N times deskpost.oversight.login-throttle.max-failures.
-- A row is forgotten a window after its last failure.
create table login_failures (
    kind          text         not null check (kind in ('account', 'address')),
    subject       text         not null,   -- lower-case account name (hashed when long), or the address
    failures      integer      not null,
    last_failure  timestamptz  not null,
    primary key (kind, subject)
);
create index login_failures_oldest on login_failures (last_failure);
