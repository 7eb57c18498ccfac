/**
 * A real bare git repository driven through git plumbing, for the loopback
 * GitHub and GitLab servers: blobs, trees, commits and refs are git's own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * An entry of a Git tree.
 *
 * @public
 */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
}

/**
 * A bare Git repository in a temporary folder, read and written with the git binary: what the loopback Git hosts serve.
 *
 * @public
 */
export class BareRepo {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'canopy-bare-'));
    this.git(['init', '--quiet', '--bare', '-b', 'main']);
    const readme = this.writeBlob(Buffer.from('# infrastructure\n'));
    const tree = this.writeTree(
      new Map([['README.md', { mode: '100644', type: 'blob', sha: readme }]]),
    );
    this.updateRef(
      'main',
      this.commit(tree, [], 'Initial commit', {
        name: 'Owner',
        email: 'owner@example.invalid',
      }),
    );
  }

  git(
    args: string[],
    input?: Buffer | string,
    env: Record<string, string> = {},
  ): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      input,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    })
      .toString()
      .trim();
  }

  writeBlob(content: Buffer): string {
    return this.git(['hash-object', '-w', '--stdin'], content);
  }

  readBlob(sha: string): Buffer {
    return execFileSync('git', ['cat-file', 'blob', sha], { cwd: this.dir });
  }

  /** Every blob below a tree, by path. */
  readTree(tree: string): Map<string, TreeEntry> {
    const out = new Map<string, TreeEntry>();
    const listing = this.git(['ls-tree', '-r', '-z', tree]);
    for (const line of listing.split('\0').filter(Boolean)) {
      const [meta, file] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      out.set(file, { mode, type: type as 'blob', sha });
    }
    return out;
  }

  /** Builds nested trees from blobs by path; returns the root tree id. */
  writeTree(files: Map<string, TreeEntry>): string {
    const children = new Map<string, Map<string, TreeEntry>>();
    const lines: string[] = [];
    for (const [file, entry] of files) {
      const slash = file.indexOf('/');
      if (slash < 0) {
        lines.push(`${entry.mode} blob ${entry.sha}\t${file}`);
      } else {
        const dir = file.slice(0, slash);
        const sub = children.get(dir) ?? new Map();
        sub.set(file.slice(slash + 1), entry);
        children.set(dir, sub);
      }
    }
    for (const [dir, sub] of children)
      lines.push(`040000 tree ${this.writeTree(sub)}\t${dir}`);
    return this.git(['mktree', '-z'], `${lines.join('\0')}\0`);
  }

  commit(
    tree: string,
    parents: string[],
    message: string,
    author: { name: string; email: string },
  ): string {
    return this.git(
      ['commit-tree', tree, ...parents.flatMap(p => ['-p', p]), '-m', message],
      undefined,
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    );
  }

  commitInfo(sha: string): {
    tree: string;
    parents: string[];
    message: string;
  } {
    const text = this.git(['cat-file', '-p', sha]);
    return {
      tree: /^tree (\w+)/m.exec(text)![1],
      parents: [...text.matchAll(/^parent (\w+)/gm)].map(m => m[1]),
      message: text.slice(text.indexOf('\n\n') + 2),
    };
  }

  ref(branch: string): string | undefined {
    try {
      return this.git([
        'rev-parse',
        '--verify',
        '--quiet',
        `refs/heads/${branch}`,
      ]);
    } catch {
      return undefined;
    }
  }

  updateRef(branch: string, sha: string) {
    this.git(['update-ref', `refs/heads/${branch}`, sha]);
  }

  /**
   * Commits one file (added, or replacing the one at `file`) on top of branch
   * `from` (default `main`) and points branch `branch` (default `from`) at
   * the commit, as a push of it would. Returns the commit's sha.
   */
  commitFile(
    file: string,
    content: string | Buffer,
    options: { from?: string; branch?: string } = {},
  ): string {
    const from = options.from ?? 'main';
    const parent = this.ref(from);
    if (!parent) throw new Error(`no branch ${from}`);
    const files = this.readTree(this.commitInfo(parent).tree);
    files.set(file, {
      mode: '100644',
      type: 'blob',
      sha: this.writeBlob(Buffer.from(content)),
    });
    const sha = this.commit(this.writeTree(files), [parent], `Add ${file}`, {
      name: 'Owner',
      email: 'owner@example.invalid',
    });
    this.updateRef(options.branch ?? from, sha);
    return sha;
  }

  /** The commit a branch name or commit id stands for, or undefined. */
  resolve(refOrSha: string): string | undefined {
    const branch = this.ref(refOrSha);
    if (branch) return branch;
    if (!/^[0-9a-f]{4,64}$/.test(refOrSha)) return undefined;
    try {
      return this.git([
        'rev-parse',
        '--verify',
        '--quiet',
        `${refOrSha}^{commit}`,
      ]);
    } catch {
      return undefined;
    }
  }

  /**
   * A merge commit of `head` into `base` (commit ids), as a merge button
   * makes it: git's own three-way merge of the trees. Throws on a conflict.
   */
  mergeCommit(
    base: string,
    head: string,
    message: string,
    author: { name: string; email: string },
  ): string {
    let tree: string;
    try {
      tree = this.git(['merge-tree', '--write-tree', base, head]).split(
        '\n',
      )[0];
    } catch (error) {
      throw new Error(`cannot merge ${head} into ${base}: conflicts`, {
        cause: error,
      });
    }
    return this.commit(tree, [base, head], message, author);
  }

  /** Clones one branch into a new folder, as a reviewer would check it out. */
  checkout(branch: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'canopy-checkout-'));
    execFileSync('git', [
      'clone',
      '--quiet',
      '--branch',
      branch,
      this.dir,
      dir,
    ]);
    return dir;
  }

  commitCount(branch: string): number {
    return Number(this.git(['rev-list', '--count', `refs/heads/${branch}`]));
  }
}
