import { NotFoundError } from '@backstage/errors';
import type { CloudConfig, MappedProject } from '../config/types';

/**
 * How a project is referred to (annotation, query): its configured id or name.
 *
 * @public
 */
export function matchesRef(project: MappedProject, ref: string): boolean {
  return ref === project.id || ref === project.name;
}

/**
 * Whether someone with these ownership refs (lower-cased, as
 * OwnershipResolver gives them) owns the project: an open project
 * (`owners: ['*']`) is everyone's.
 *
 * @public
 */
export function ownsProject(
  project: MappedProject,
  refs: Set<string>,
): boolean {
  return project.open || project.owners.some(o => refs.has(o));
}

/**
 * The configured clouds and, per cloud, the projects Canopy may read. What
 * is not here does not exist for Canopy: nothing else is ever asked of
 * Keystone.
 *
 * @public
 */
export class ProjectMap {
  private readonly clouds = new Map<string, CloudConfig>();

  constructor(clouds: CloudConfig[]) {
    for (const cloud of clouds) this.clouds.set(cloud.name, cloud);
  }

  all(): CloudConfig[] {
    return [...this.clouds.values()];
  }

  /** The cloud, or a 404 naming the configured ones. */
  cloud(name: string): CloudConfig {
    const cloud = this.clouds.get(name);
    if (!cloud) {
      throw new NotFoundError(
        `No OpenStack cloud named '${name}' is configured (configured: ${
          [...this.clouds.keys()].join(', ') || 'none'
        })`,
      );
    }
    return cloud;
  }

  /**
   * The mapped project a reference names; without a reference, the cloud's
   * only project. Undefined when none (or, without a reference, several) match.
   */
  find(cloud: CloudConfig, ref: string | undefined): MappedProject | undefined {
    if (!ref) {
      return cloud.projects.length === 1 ? cloud.projects[0] : undefined;
    }
    return cloud.projects.find(p => matchesRef(p, ref));
  }
}
