import { parse } from '@cdktf/hcl2json';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { META_ARGUMENTS, PROVIDER_ARGUMENTS } from './providerArguments';
import type { Finding } from './report';

const run = promisify(execFile);

/** Checks one Terraform file: it parses, and every openstack_* resource uses known arguments. */
export async function checkTerraformFile(
  file: string,
  content: string,
): Promise<Finding[]> {
  let json: any;
  try {
    json = await parse(file, content);
  } catch (error) {
    return [
      {
        level: 'error',
        file,
        rule: 'hcl-parse',
        message: `does not parse as HCL: ${String(
          (error as Error).message ?? error,
        ).slice(0, 300)}`,
      },
    ];
  }
  const findings: Finding[] = [];
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    if (!type.startsWith('openstack_')) continue;
    const known = PROVIDER_ARGUMENTS[type];
    for (const [name, instances] of Object.entries<any[]>(byName)) {
      const where = `${type}.${name}`;
      if (!known) {
        findings.push({
          level: 'error',
          file,
          rule: 'provider-resource',
          message: `${where}: resource type ${type} is not one Canopy knows the provider to accept`,
        });
        continue;
      }
      for (const body of instances) {
        for (const [key, value] of Object.entries<any>(body)) {
          if (META_ARGUMENTS.includes(key)) continue;
          if (known.blocks?.[key]) {
            for (const item of Array.isArray(value) ? value : [value]) {
              for (const inner of Object.keys(item ?? {})) {
                if (!known.blocks[key].includes(inner)) {
                  findings.push({
                    level: 'error',
                    file,
                    rule: 'provider-argument',
                    message: `${where}: block ${key} has no argument ${inner}`,
                  });
                }
              }
            }
          } else if (!known.arguments.includes(key)) {
            findings.push({
              level: 'error',
              file,
              rule: 'provider-argument',
              message: `${where}: ${type} has no argument ${key}`,
            });
          }
        }
      }
    }
  }
  return findings;
}

/** `terraform fmt -check` on a folder, where terraform is installed. */
export async function checkTerraformFormat(
  dir: string,
  shownDir: string,
  files: string[],
): Promise<Finding[]> {
  const terraform = [
    process.env.TERRAFORM_BIN,
    '/usr/local/bin/terraform',
    '/usr/bin/terraform',
  ].find(p => p && existsSync(p));
  if (!terraform) {
    return [
      {
        level: 'info',
        file: shownDir,
        rule: 'terraform-fmt',
        message:
          'terraform is not installed here: terraform fmt -check not run',
      },
    ];
  }
  try {
    await run(terraform, ['fmt', '-check', '-list=true', '-no-color', '.'], {
      cwd: dir,
      timeout: 60_000,
    });
    return [];
  } catch (error) {
    const listed = String((error as { stdout?: string }).stdout ?? '')
      .split('\n')
      .filter(Boolean);
    const shown = listed.length
      ? listed.map(f => path.posix.join(shownDir, f))
      : files;
    return shown.map(f => ({
      level: 'error' as const,
      file: f,
      rule: 'terraform-fmt',
      message: 'is not formatted as terraform fmt would',
    }));
  }
}
