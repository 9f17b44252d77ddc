-- Tokens act for the organisations the catalogue holds (platform-runtime V0.7): those already defined.
insert into known_organisation (code) select code from organisation on conflict (code) do nothing;
