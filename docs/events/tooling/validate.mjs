// Parses an AsyncAPI document with the reference parser (which also validates the JSON Schemas it
// references) and prints every diagnostic. Exit code 0 only when there is no error-level diagnostic.
import { Parser, fromFile } from '@asyncapi/parser';

const file = process.argv[2] ?? '../asyncapi.yaml';
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity] ?? d.severity} ${d.code} at ${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0);
if (!document || errors.length > 0) {
  console.log(`INVALID: ${errors.length} error(s)`);
  process.exit(1);
}
const channels = document.channels().all().map((c) => c.address());
const messages = document.components().messages().all().map((m) => m.name());
console.log(`VALID: ${channels.length} channels (${channels.join(', ')}), ${messages.length} messages`);
