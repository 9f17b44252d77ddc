-- The trusts each commissioner (an integrated care board) commissions, from the catalogue: whose outlier cases it reads.
create table commissioner_scope (
    organisation          text    primary key,
    members               text[]  not null,
    organisation_version  int     not null
);
