// Parses an AsyncAPI document with the reference parser (which also validates the JSON Schemas it
// references) and prints every diagnostic. Exit code 0 only when there is no error-level diagnostic and the
// document keeps this project's two rules beyond the specification:
// - each payload's schemaFormat names the dialect its JSON Schema declares in $schema (the files say which
//   JSON Schema version a consumer's validator must use; AsyncAPI 3 supports draft-07);
// - every operation declares its security (who may send or receive on the channel).
import { Parser, fromFile } from '@asyncapi/parser';

const DIALECTS = {
  'http://json-schema.org/draft-07/schema#': 'draft-07',
  'http://json-schema.org/draft-07/schema': 'draft-07',
};

const file = process.argv[2] ?? '../events/asyncapi.yaml';
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity] ?? d.severity} ${d.code} at ${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).map((d) => d.message);
if (document) {
  for (const message of document.components().messages().all()) {
    const format = message.schemaFormat();
    const payload = message.payload()?.json()?.schema ?? {};
    const declared = DIALECTS[payload.$schema] ?? payload.$schema ?? 'no $schema';
    if (!format.endsWith(`;version=${declared}`)) {
      errors.push(`message ${message.name()}: schemaFormat ${format} but its schema declares ${declared}`);
    }
    if (JSON.stringify(payload).includes('"$defs"')) {
      errors.push(`message ${message.name()}: $defs is JSON Schema 2019-09 or later; draft-07 says definitions`);
    }
  }
  for (const operation of document.operations().all()) {
    if (operation.security().length === 0) {
      errors.push(`operation ${operation.id()} declares no security`);
    }
  }
}
for (const e of errors.filter((e) => !diagnostics.some((d) => d.message === e))) {
  console.log(`error ${e}`);
}
if (!document || errors.length > 0) {
  console.log(`INVALID: ${errors.length} error(s)`);
  process.exit(1);
}
const channels = document.channels().all().map((c) => c.address());
const messages = document.components().messages().all().map((m) => m.name());
const secured = document.operations().all().length;
console.log(`VALID: ${channels.length} channels (${channels.join(', ')}), ${messages.length} messages, ${secured} operations with security`);
