import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ManifestValidator, parseYamlDocuments } from './manifests';
import { CrdSchemas, addCrds } from './schemaSet';
import { buildReport, Finding, ValidationReport } from './report';
import {
  checkTerraformFile,
  checkTerraformFormat,
  terraformProviderSchema,
} from './terraform';

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort(
    (a, b) => a.name.localeCompare(b.name),
  )) {
    if (
      entry.name === '.git' ||
      entry.name === 'node_modules' ||
      entry.name === '.terraform'
    )
      continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, base)));
    else out.push(path.relative(base, full));
  }
  return out;
}

/**
 * CI configuration, not Kubernetes manifests: GitHub's `.github/` (workflows,
 * dependabot, ...), GitLab's `.gitlab/` and `.gitlab-ci.yml`. Their CI
 * checks them; Canopy's pipeline action checks the ones it writes in its
 * tests against GitHub's parser and GitLab's schema.
 */
export function isCiFile(file: string): boolean {
  const posix = file.split(path.sep).join('/');
  return (
    /(^|\/)\.(github|gitlab)\//.test(posix) ||
    /(^|\/)\.gitlab-ci\.ya?ml$/.test(posix)
  );
}

/**
 * Validates a folder: Terraform files parse and use only arguments the
 * provider accepts, and are formatted; YAML manifests validate against their
 * schemas (CRDs found in the folder itself count too, e.g. a platform
 * bootstrap that installs them). catalog-info.yaml and template files are
 * left to the catalog, CI files (`isCiFile`) to their CI.
 *
 * @public
 */
export async function validateWorkspace(
  root: string,
  crds: CrdSchemas,
): Promise<ValidationReport> {
  const files = (await walk(root)).filter(f => !isCiFile(f));
  const findings: Finding[] = [];
  const tfDirs = new Map<string, string[]>();
  const yamlFiles: Array<{ file: string; docs: unknown[] }> = [];
  for (const file of files) {
    const content = await readFile(path.join(root, file), 'utf8');
    if (file.endsWith('.tf')) {
      findings.push(...(await checkTerraformFile(file, content)));
      const dir = path.dirname(file);
      tfDirs.set(dir, [...(tfDirs.get(dir) ?? []), file]);
    } else if (
      /\.ya?ml$/.test(file) &&
      !/(^|\/)(catalog-info|template)\.ya?ml$/.test(file) &&
      !file.includes('cloud-init/')
    ) {
      const { docs, findings: parseFindings } = parseYamlDocuments(
        file,
        content,
      );
      findings.push(...parseFindings);
      yamlFiles.push({ file, docs });
    }
  }
  for (const [dir, tfFiles] of tfDirs) {
    findings.push(
      ...(await checkTerraformFormat(path.join(root, dir), dir, tfFiles)),
    );
  }
  const schemas = new Map(crds);
  for (const { file, docs } of yamlFiles)
    addCrds(schemas, docs, `${file} in this change`);
  const validator = new ManifestValidator(schemas);
  for (const { file, docs } of yamlFiles)
    findings.push(...validator.validate(file, docs));
  return buildReport(
    files.filter(f => f.endsWith('.tf') || /\.ya?ml$/.test(f)).length,
    findings,
    [
      ...(tfDirs.size ? [terraformProviderSchema()] : []),
      ...validator.schemasUsed(),
    ],
  );
}
