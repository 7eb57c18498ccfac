import { testExamples } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import {
  createArgoCdAppOfAppsAction,
  createArgoCdApplicationAction,
  createFluxKustomizationAction,
  createKnativeServiceAction,
  createKroDefinitionsAction,
  createKroInstanceAction,
  createKyvernoPoliciesAction,
} from '.';
import { definitionsInput, renderDefinitions } from '../lib/kubernetes/kro';

// Each documented example runs as a template runs it; every manifest it
// writes validates against the bundled upstream schema of its kind.
testExamples([
  { action: createKroDefinitionsAction() },
  {
    action: createKroInstanceAction(),
    // Instances validate against the schemas their definitions define.
    extraDocs: Object.values(renderDefinitions(definitionsInput.parse({}))),
  },
  { action: createArgoCdApplicationAction() },
  { action: createArgoCdAppOfAppsAction() },
  { action: createFluxKustomizationAction() },
  { action: createKyvernoPoliciesAction() },
  {
    action: createKnativeServiceAction(),
    files: [/^functions\/team-a\/thumbnailer\.yaml$/],
  },
]);
