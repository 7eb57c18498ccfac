/**
 * The parts Canopy's scaffolder modules share: the render action and its
 * input parsing, the input rules (paths, branches, names, addresses), the
 * YAML writer every manifest goes through, the workspace validator with the
 * bundled upstream schemas, the delivery backend's client, and the ids of
 * every `canopy:*` action.
 *
 * @packageDocumentation
 */

export { actionExamples } from './actionExamples';
export { CANOPY_ACTION_IDS } from './actionIds';
export {
  createCanopyActionsModule,
  type CanopyActionServices,
} from './actionsModule';
export { createRenderAction, parseInput, writeFiles } from './renderAction';
export {
  BRANCH_PATTERN,
  BRANCH_RULE,
  branchName,
  cidr,
  cidrsOverlap,
  compareAddresses,
  dnsLabel,
  entityRef,
  inCidr,
  ipAddress,
  parseCidr,
  port,
  regionName,
  relativePath,
  targetPath,
  text,
  wellFormed,
} from './inputs';
export { gitRepository, type GitRepository } from './gitRepository';
export { hclUnicodeProblem } from './hclUnicode';
export {
  hasCharactersGoYamlRefuses,
  mightNotReadAsString,
  renderYaml,
  YAML_WRITE_OPTIONS,
} from './yaml';
export { listFiles } from './listFiles';
export {
  backendMessage,
  deliveryClientFor,
  ownedRepository,
  responseStatus,
} from './deliveryClient';
export {
  addCrds,
  bundledCrds,
  bundledSchemaPath,
  loadCrdDirectory,
  type BundledCrdSource,
  type CrdSchemas,
  type KindSchema,
} from './validate/schemaSet';
export { fetchClusterCrds } from './validate/clusterCrds';
export { validateWorkspace } from './validate/workspace';
export type { Finding, SchemaUse, ValidationReport } from './validate/report';
