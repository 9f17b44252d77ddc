-- The names people read on chart pictures instead of codes: each organisation's, and each of its microsystems'
-- (microsystem '' is the organisation itself), from the catalogue's organisation events.
create table place_name (
    organisation          text     not null,
    microsystem           text     not null,
    name                  text     not null,
    organisation_version  integer  not null,
    primary key (organisation, microsystem)
);
