// Validates an OpenAPI document (a file) as a code generator would read it: with
// @apidevtools/swagger-parser, against the OpenAPI 3.0 schema and its own rules.
// Exit status 0 when valid; otherwise 1 and the errors on stderr.
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${api.info.title} ${api.info.version} (OpenAPI ${api.openapi})`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
