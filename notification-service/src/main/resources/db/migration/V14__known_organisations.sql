-- Tokens act for the organisations the catalogue holds (platform-runtime V0.7): every organisation read so far.
insert into known_organisation (code) select code from catalogue_entry where kind = 'organisation' on conflict (code) do nothing;
