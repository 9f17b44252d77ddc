-- Standardised ratios: each point (and each trust's sum) carries the risk model's expected count; the ratio is
-- observed (numerator) over expected.
alter table series_point add column expected numeric;
alter table trust_point add column expected numeric;
