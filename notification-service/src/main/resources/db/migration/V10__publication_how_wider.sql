-- 'outlier-case' (12 characters) is a way a publication comes about, as well as 'embargo' and 'explicit'.
alter table disclosure alter column published_how type varchar(20);
