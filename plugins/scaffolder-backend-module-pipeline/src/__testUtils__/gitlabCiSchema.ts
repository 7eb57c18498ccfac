/**
 * GitLab's published CI schema (`gitlab-ci/ci.json`, its source in
 * gitlab-ci/README.md), for tests: the errors GitLab's pipeline editor would
 * show for a `.gitlab-ci.yml`, by JSON Schema draft-07 with Ajv.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(
  JSON.parse(
    readFileSync(path.join(__dirname, 'gitlab-ci', 'ci.json'), 'utf8'),
  ),
);

/** `instancePath: message` for every violation; empty when the document is valid. */
export function gitlabCiErrors(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    e => `${e.instancePath || '/'}: ${e.message}`,
  );
}
