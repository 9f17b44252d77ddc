-- Who did what: every write to the service's API, with the token's subject, organisation and roles
-- (refused attempts too). Append-only; read by admins at GET /api/v1/audit-trail.
create table audit_trail (
    id            bigserial    primary key,
    at            timestamptz  not null default now(),
    subject       text         not null,
    organisation  text,
    roles         text         not null,
    method        text         not null,
    path          text         not null,
    status        integer      not null,
    resource      text
);
create index audit_trail_organisation on audit_trail (organisation, id);
create index audit_trail_subject on audit_trail (subject, id);
