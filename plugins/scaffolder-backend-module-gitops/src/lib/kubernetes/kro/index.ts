export {
  definitionsInput,
  renderDefinitions,
  SHIPPED,
  type DefinitionsInput,
} from './definitions';
export { instanceInput, renderInstance, type InstanceInput } from './instance';
export {
  ABSTRACTIONS,
  type Abstraction,
  type ResourceGraphDefinition,
} from './types';
