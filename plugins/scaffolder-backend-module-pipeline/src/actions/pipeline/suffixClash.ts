/**
 * The repository-wide half of "one suffix, one target": another root of the
 * repository whose {@link ROOT_FILE} names the same credential suffix for
 * another cloud, project or region. Both roots would then plan and apply
 * with one set of secrets, so the action refuses.
 */
import type { RepositoryLookup } from './repositoryLookup';
import { readRootFile, ROOT_FILE, RootTarget, sameTarget } from './rootTarget';

/**
 * A root of the repository that already names the suffix for another
 * target, or for none it names (a root file written by hand).
 */
export interface SuffixClash {
  path: string;
  target?: RootTarget;
}

/** Root files read at once. */
const CONCURRENCY = 8;

/**
 * Reads the root files of every folder right below `terraformRoot` on the
 * branch (but `rootPath`'s own) and gives the first that names `suffix`
 * for another target.
 */
export async function findSuffixClash(options: {
  lookup: RepositoryLookup;
  branch: string;
  terraformRoot: string;
  rootPath: string;
  suffix: string;
  target: RootTarget;
}): Promise<SuffixClash | undefined> {
  const { lookup, branch, terraformRoot, rootPath, suffix, target } = options;
  const others = (await lookup.folders(terraformRoot, branch))
    .map(name => `${terraformRoot}/${name}`)
    .filter(path => path !== rootPath)
    .sort();
  for (let i = 0; i < others.length; i += CONCURRENCY) {
    const found = await Promise.all(
      others.slice(i, i + CONCURRENCY).map(async path => {
        const text = await lookup.fileContent(`${path}/${ROOT_FILE}`, branch);
        const root = text ? readRootFile(text) : undefined;
        // A file that names no target shares the suffix with anything.
        const same = root?.target && sameTarget(root.target, target);
        return root?.suffix === suffix && !same
          ? { path, ...(root.target ? { target: root.target } : {}) }
          : undefined;
      }),
    );
    const clash = found.find(Boolean);
    if (clash) return clash;
  }
  return undefined;
}
