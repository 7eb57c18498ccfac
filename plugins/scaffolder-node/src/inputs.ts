/**
 * Input rules shared by Canopy's actions. Every rule names the field and the
 * rule it broke, so a template author sees exactly what to fix.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod/v3';
import { hclUnicodeProblem } from './hclUnicode';

/** DNS-1123 label: what Kubernetes and Canopy accept as a resource name. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** @public */
export const dnsLabel = (what = 'name') =>
  z
    .string()
    .max(63, `${what} must be at most 63 characters (DNS-1123 label)`)
    .regex(
      DNS1123_LABEL,
      `${what} must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );

/** Whether a string holds a UTF-16 surrogate without its pair (no UTF-8 text can). */
export const hasLoneSurrogate = (s: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(
    s,
  );

/**
 * A name that ends up in YAML as it is: not empty, and well-formed Unicode.
 *
 * @public
 */
export const wellFormed = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .refine(s => !hasLoneSurrogate(s), {
      message: `${what} must not contain unpaired UTF-16 surrogates`,
    });

/**
 * Free text that ends up in HCL or YAML: any Unicode, but in NFC (HCL normalizes to it).
 *
 * @public
 */
export const text = (max = 255, min = 0) =>
  z
    .string()
    .min(
      min,
      min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    )
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = hclUnicodeProblem(s);
      if (problem)
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .refine(s => !hasLoneSurrogate(s), {
      message: 'must not contain unpaired UTF-16 surrogates',
    });

/**
 * An OpenStack region name as it goes into configuration files (the Cinder
 * CSI cloud.conf): letters, digits, '.', '_' and '-', starting with a letter
 * or digit, so nothing can start a new line or section.
 *
 * @public
 */
export const regionName = (what = 'region') =>
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      `${what} must be a region name: 1-64 of letters, digits, '.', '_' and '-', starting with a letter or digit`,
    );

/**
 * The one rule for every path an action or the pipeline writes to or reads
 * from in a repository: letters, digits, '.', '_', '-' and '/', relative,
 * no empty segment (no leading, trailing or double '/'), and no segment that
 * is '.' or '..', starts with '..' (Backstage's safe-path check refuses it)
 * or with '-' (a shell command would read it as an option), or is '.git' in
 * any case (Git keeps its own data there: such files never reach a pull
 * request). At most 255 characters.
 */
export const PATH_RULE =
  "a relative path of letters, digits, '.', '_', '-' and '/' (no empty, '.' or '.git' segment, none starting with '..' or '-', at most 255 characters)";

/**
 * {@link PATH_RULE} as regular expressions, each with what it says: plain
 * patterns, so that the JSON schema Backstage makes of an action's input
 * (and checks before the action runs) carries the rule too. With `root`,
 * '.' (the top folder) passes each.
 */
function pathChecks(root: boolean): Array<[RegExp, string]> {
  const rule = (body: string) =>
    new RegExp(root ? `^(?:\\.$|${body})` : `^(?:${body})`);
  return [
    [
      new RegExp(
        root ? '^(?:\\.|[A-Za-z0-9._/-]{1,255})$' : '^[A-Za-z0-9._/-]{1,255}$',
      ),
      "must be 1-255 of letters, digits, '.', '_', '-' and '/'",
    ],
    [
      rule('(?!/)(?!.*//)(?!.*/$)'),
      "must not start or end with '/' or contain '//'",
    ],
    [rule('(?!(?:.*/)?\\.(?:/|$))'), "must not have a '.' segment"],
    [rule('(?!(?:.*/)?\\.\\.)'), "must not have a segment starting with '..'"],
    [
      rule('(?!(?:.*/)?-)'),
      "must not have a segment starting with '-' (a shell command would read it as an option)",
    ],
    [
      rule('(?!(?:.*/)?\\.[Gg][Ii][Tt]\\.*(?:/|$))'),
      "must not have a '.git' segment (Git keeps its own data there: such files never reach a pull request)",
    ],
  ];
}

/** Why a path breaks {@link PATH_RULE}, or undefined when it keeps it. */
export function pathProblem(value: string): string | undefined {
  return pathChecks(false).find(([check]) => !check.test(value))?.[1];
}

/**
 * A relative path in the workspace or the repository, by `PATH_RULE`;
 * with `root: true`, '.' (the top folder itself) too. Each broken part is an
 * issue naming the field, what is wrong and the whole rule.
 *
 * @public
 */
export const relativePath = (what: string, options: { root?: boolean } = {}) =>
  pathChecks(Boolean(options.root)).reduce(
    (schema, [check, problem]) =>
      schema.regex(
        check,
        `${what} ${problem} (rule: ${PATH_RULE}${
          options.root ? ", or '.'" : ''
        })`,
      ),
    z
      .string()
      .describe(`${what}: ${PATH_RULE}${options.root ? ", or '.'" : ''}`),
  );

/**
 * A branch name Canopy writes into a pipeline's branch filter and shell or
 * asks a Git host for: a branch name Git takes (`git check-ref-format --branch`) of letters, digits, '.', '_', '/' and '-' only, so no glob,
 * expression or line-breaking character. One rule for every action's branch
 * input and for the default branch a repository's API gives.
 *
 * @public
 */
export const BRANCH_PATTERN =
  /^(?!HEAD$)(?!\/)(?!(?:.*\/)?[.-])(?!.*(?:\.\.|\/\/|\.lock(?:\/|$)|\/$|\.$))[A-Za-z0-9._/-]{1,200}$/;

/**
 * The rule {@link BRANCH_PATTERN} states, for error messages.
 *
 * @public
 */
export const BRANCH_RULE =
  "a Git branch name of letters, digits, '.', '_', '/' and '-' (no part starting with '.' or '-' or ending in '.lock', no '..' or '//', not starting with '/', not ending in '/' or '.', not HEAD)";

/**
 * A branch input, by {@link BRANCH_PATTERN}.
 *
 * @public
 */
export const branchName = (what: string) =>
  z.string().regex(BRANCH_PATTERN, `${what} must be ${BRANCH_RULE}`);

/**
 * A folder in the task workspace the action renders into.
 *
 * @public
 */
export const targetPath = () => relativePath('targetPath');

/** @public */
export const entityRef = () =>
  z
    .string()
    .regex(
      /^[a-zA-Z][a-zA-Z0-9_-]*:([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/,
      'entityRef must look like kind:namespace/name, e.g. component:default/payments',
    );

/** @public */
export const port = () =>
  z.number().int().min(1, 'ports are 1-65535').max(65535, 'ports are 1-65535');

const IPV4_OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4_CANONICAL = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);

/**
 * Whether an address is written the one way every reader agrees on: IPv4 as
 * four decimal octets without leading zeros (`010.0.0.1`, `10.1` and
 * `167772161` are read differently by different parsers), IPv6 in its
 * RFC 5952 form (lower case, `::` compression, no zone such as `%eth0`).
 */
export function isCanonicalAddress(value: string): boolean {
  if (IPV4_CANONICAL.test(value)) return true;
  if (value.includes('%')) return false;
  try {
    const parsed = ipaddr.parse(value);
    return parsed.kind() === 'ipv6' && parsed.toString() === value;
  } catch {
    return false;
  }
}

/** @public */
export function parseCidr(
  value: string,
): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  const slash = value.lastIndexOf('/');
  const bitsText = value.slice(slash + 1);
  if (
    slash < 0 ||
    !isCanonicalAddress(value.slice(0, slash)) ||
    !/^(0|[1-9][0-9]{0,2})$/.test(bitsText)
  ) {
    return undefined;
  }
  try {
    const [address, bits] = ipaddr.parseCIDR(value);
    // The address must be the network address itself (10.0.0.0/24, not 10.0.0.1/24).
    const network = ipaddr.IPv4.isValid(address.toString())
      ? ipaddr.IPv4.networkAddressFromCIDR(value)
      : ipaddr.IPv6.networkAddressFromCIDR(value);
    if (network.toString() !== address.toString()) return undefined;
    return [address, bits];
  } catch {
    return undefined;
  }
}

/** @public */
export const cidr = () =>
  z.string().refine(v => parseCidr(v) !== undefined, {
    message:
      'must be a network in canonical CIDR notation whose address is the network address, e.g. 10.0.0.0/24 or 2001:db8::/64 (IPv4: four decimal octets without leading zeros, IPv6: lower case, compressed, no zone)',
  });

/** @public */
export const ipAddress = () =>
  z.string().refine(v => isCanonicalAddress(v), {
    message:
      'must be an IP address in canonical form, e.g. 10.0.0.5 or 2001:db8::5 (IPv4: four decimal octets without leading zeros, IPv6: lower case, compressed, no zone)',
  });

/**
 * Whether two CIDR networks overlap.
 *
 * @public
 */
export function cidrsOverlap(a: string, b: string): boolean {
  const pa = parseCidr(a);
  const pb = parseCidr(b);
  if (!pa || !pb || pa[0].kind() !== pb[0].kind()) return false;
  return pa[0].match(pb) || pb[0].match(pa);
}

/** @public */
export function inCidr(address: string, network: string): boolean {
  const net = parseCidr(network);
  if (!net || !ipaddr.isValid(address)) return false;
  const addr = ipaddr.parse(address);
  return addr.kind() === net[0].kind() && addr.match(net);
}

/**
 * Compares two addresses of one family; negative when the first is lower.
 *
 * @public
 */
export function compareAddresses(a: string, b: string): number {
  const x = ipaddr.parse(a).toByteArray();
  const y = ipaddr.parse(b).toByteArray();
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}
