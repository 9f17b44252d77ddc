-- A trust withdrew a result: the point is dropped, and its withdrawal revision kept, so that an older revision
-- delivered late cannot bring the point back (a newer one, the result sent again, can).
create table withdrawn_point (
    series_key    varchar(300) not null,
    period        varchar(7)   not null,
    revision      int          not null,
    primary key (series_key, period)
);
