-- The name of the person who made a change, from their token (so a page can say who changed a cycle).
alter table change_history add column actor_name text;
