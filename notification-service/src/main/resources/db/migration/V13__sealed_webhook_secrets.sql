-- Webhook secrets are stored sealed (AES-256-GCM, enc:v1:<key id>:<base64>): longer than the secret itself.
alter table contact alter column webhook_secret type text;
