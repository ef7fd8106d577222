#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d): creates the
# deskpost user and the three databases it owns. Flyway (in each service) creates the tables.
# The password comes from DESKPOST_DB_PASSWORD; changing it later means ALTER ROLE, not this script.
set -eu
: "${DESKPOST_DB_PASSWORD:?set DESKPOST_DB_PASSWORD (docker/.env.example)}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     --set=password="$DESKPOST_DB_PASSWORD" <<'SQL'
CREATE ROLE deskpost LOGIN PASSWORD :'password';
CREATE DATABASE deskpost_oversight OWNER deskpost;
CREATE DATABASE deskpost_delivery OWNER deskpost;
CREATE DATABASE deskpost_audit OWNER deskpost;
SQL
