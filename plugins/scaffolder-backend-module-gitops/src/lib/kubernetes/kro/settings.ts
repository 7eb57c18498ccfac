import type { ResourceGraphDefinition } from './types';

/** The platform settings of `canopy:kro:definitions`. */
interface Settings {
  ingressNamespace: string;
  kafkaNamespace: string;
  kafkaCluster: string;
}

/** The template of the resource `id` of a definition. */
function template(rgd: ResourceGraphDefinition, id: string) {
  const resource = rgd.spec.resources.find(r => r.id === id);
  if (!resource) {
    throw new Error(
      `the shipped ${rgd.spec.schema.kind} definition has no resource '${id}'`,
    );
  }
  return resource.template;
}

/**
 * Puts the platform settings into a definition, where they belong: the
 * ingress controller's namespace into the Workspace's ingress policy, the
 * Kafka namespace and cluster into the Topic's KafkaTopic.
 */
export function applySettings(
  rgd: ResourceGraphDefinition,
  settings: Settings,
): ResourceGraphDefinition {
  switch (rgd.spec.schema.kind) {
    case 'Workspace': {
      const policy = template(rgd, 'allowIngressController');
      policy.spec.ingress[0].from[0].namespaceSelector.matchLabels[
        'kubernetes.io/metadata.name'
      ] = settings.ingressNamespace;
      break;
    }
    case 'Topic': {
      const topic = template(rgd, 'topic');
      topic.metadata.namespace = settings.kafkaNamespace;
      topic.metadata.labels['strimzi.io/cluster'] = settings.kafkaCluster;
      break;
    }
    default:
      break;
  }
  return rgd;
}
