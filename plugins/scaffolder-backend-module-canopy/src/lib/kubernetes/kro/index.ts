export {
  ABSTRACTIONS,
  definitionsInput,
  renderDefinitions,
  SHIPPED,
  type Abstraction,
  type DefinitionsInput,
  type ResourceGraphDefinition,
} from './definitions';
export { instanceInput, renderInstance, type InstanceInput } from './instance';
