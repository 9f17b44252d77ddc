-- Tokens act for the organisations the catalogue holds (platform-runtime V0.7): every organisation read so far
-- (commissioner_scope holds one row per catalogue organisation, members or none).
insert into known_organisation (code) select organisation from commissioner_scope on conflict (code) do nothing;
