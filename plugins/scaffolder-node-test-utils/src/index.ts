/**
 * Test helpers for Canopy's scaffolder actions: run an action or its
 * documented examples in a temporary workspace, read YAML as Go programs
 * read it, check Terraform with `terraform fmt`, size property tests, and a
 * loopback delivery backend.
 *
 * @packageDocumentation
 */

export { runAction, actionInputError } from './runAction';
export {
  registeredActionIds,
  testRegisteredActions,
} from './registeredActions';
export {
  checkExample,
  collectOutputs,
  exampleCases,
  runExample,
} from './examples';
export { testExamples } from './testExamples';
export {
  decodeLikeGo,
  resolvePlain,
  expectReadAsMeant,
  readAs,
  READERS,
  type GoDecoder,
  type Resolved,
} from './goYaml';
export {
  PROPERTY_RUNS,
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from './propertyRuns';
export { findTerraform, terraformFmtDiff } from './terraform';
export { DRY_RUN_CONFIG, dryRunIntegrations } from './dryRunIntegrations';
export { FakeDeliveryBackend } from './fakeDeliveryBackend';
