-- The catalogue as notification needs it (colleges and the specialties they oversee, audits' specialties,
-- names for plain messages), and the staged disclosure of findings: to Royal Colleges after the trust was told
-- and a delay passed, to patient groups once a trust-level finding is published (after an embargo or by hand).
create table catalogue_entry (
    kind         varchar(20)   not null check (kind in ('audit', 'organisation')),
    code         varchar(64)   not null,
    version      integer       not null,
    name         varchar(300)  not null,
    type         varchar(20),
    specialty    varchar(100),
    specialties  jsonb         not null,
    metrics      jsonb         not null,
    primary key (kind, code)
);

create table disclosure (
    finding_id      uuid          primary key,
    kind            varchar(20)   not null,
    orientation     varchar(20)   not null,
    audit           varchar(64)   not null,
    metric          varchar(64)   not null,
    organisation    varchar(10)   not null,
    microsystem     varchar(64),
    period          varchar(7)    not null,
    value           double precision not null,
    reference       double precision not null,
    variation       varchar(40)   not null,
    trust_told_at   timestamptz   not null,
    college_after   timestamptz,
    public_after    timestamptz,
    published_at    timestamptz,
    published_how   varchar(10)   check (published_how in ('embargo', 'explicit')),
    withdrawn_at    timestamptz
);
create index disclosure_college_due on disclosure (college_after) where college_after is not null;
create index disclosure_public_due on disclosure (public_after) where published_at is null and public_after is not null;

-- Which college has been sent which finding (in which summary): a finding reaches each college once.
create table disclosure_sent (
    finding_id   uuid          not null references disclosure (finding_id),
    college      varchar(10)   not null,
    summary      varchar(200)  not null,
    sent_at      timestamptz   not null,
    primary key (finding_id, college)
);
