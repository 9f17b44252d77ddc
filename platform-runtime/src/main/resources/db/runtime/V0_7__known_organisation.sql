-- The organisations the catalogue holds, as this service knows them (from the catalogue topic; audit-ingest from its
-- own catalogue). A token naming any other organisation code is refused with 403 unknown-organisation
-- (uk.nhs.pdsa.runtime.security.KnownOrganisations). Each service fills it from what it already held.
create table known_organisation (
    code varchar(16) primary key,
    known_since timestamptz not null default now()
);
