-- Failure reasons are read by admins through the API: keep them in words, without Java exception names
-- (recorded before the delivery code described failures itself).
update notification set reason = regexp_replace(reason, '[A-Za-z.]*Exception: [^;]*', 'a network error ended the exchange', 'g')
 where reason ~ 'Exception';
update delivery_attempt set detail = regexp_replace(detail, '[A-Za-z.]*Exception: [^;]*', 'a network error ended the exchange', 'g')
 where detail ~ 'Exception';
