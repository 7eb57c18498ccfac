/** The kro abstractions Canopy ships (seed 001), and their definitions' shape. */
export const ABSTRACTIONS = [
  'Workspace',
  'WebApplication',
  'Infrastructure',
  'Topic',
] as const;
export type Abstraction = (typeof ABSTRACTIONS)[number];

/** A ResourceGraphDefinition as Canopy reads it. */
export interface ResourceGraphDefinition {
  apiVersion: string;
  kind: 'ResourceGraphDefinition';
  metadata: { name: string; [key: string]: unknown };
  spec: {
    schema: {
      apiVersion: string;
      kind: Abstraction;
      spec: Record<string, string>;
      status?: Record<string, string>;
    };
    resources: Array<{ id: string; template: Record<string, any> }>;
  };
}
