-- An outlier case published at its publication step is a publication too (its finding_id is the case id): analysis
-- period labels (2025-26, 12m-to-2025-09) are longer than a month's.
alter table disclosure alter column period type varchar(20);
alter table disclosure drop constraint disclosure_published_how_check;
alter table disclosure add constraint disclosure_published_how_check
    check (published_how in ('embargo', 'explicit', 'outlier-case'));
