import { parse } from '@cdktf/hcl2json';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { META_ARGUMENTS, providerArguments } from './providerArguments';
import type { Finding, SchemaUse } from './report';

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
  const provider = providerArguments();
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    if (!type.startsWith('openstack_')) continue;
    const known = Object.hasOwn(provider.resources, type)
      ? provider.resources[type]
      : undefined;
    for (const [name, instances] of Object.entries<any[]>(byName)) {
      const where = `${type}.${name}`;
      if (!known) {
        findings.push({
          level: 'error',
          file,
          rule: 'provider-resource',
          message: `${where}: terraform-provider-openstack (${provider.provider_commit.slice(
            0,
            8,
          )}) has no resource type ${type}`,
        });
        continue;
      }
      for (const body of instances) {
        for (const [key, value] of Object.entries<any>(body)) {
          if (META_ARGUMENTS.includes(key)) continue;
          if (Object.hasOwn(known.blocks, key)) {
            for (const item of Array.isArray(value) ? value : [value]) {
              for (const inner of Object.keys(item ?? {})) {
                if (!Object.hasOwn(known.blocks[key], inner)) {
                  findings.push({
                    level: 'error',
                    file,
                    rule: 'provider-argument',
                    message: `${where}: block ${key} has no argument ${inner}`,
                  });
                }
              }
            }
          } else if (!Object.hasOwn(known.arguments, key)) {
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

/** The report's line for the provider argument list openstack_* resources were checked against. */
export function terraformProviderSchema(): SchemaUse {
  const provider = providerArguments();
  return {
    subject: 'Terraform openstack_* resources',
    source: `Canopy's bundled ${
      provider.provider
    } argument list (${provider.provider_commit.slice(0, 8)})`,
  };
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
