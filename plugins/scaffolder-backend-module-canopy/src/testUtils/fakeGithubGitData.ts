/**
 * GitHub's Git data API (`/repos/{o}/{r}/git/...`: refs, commits, trees,
 * blobs) over a bare Git repository, for the loopback GitHub.
 */
import type express from 'express';
import type { BareRepo, TreeEntry } from './bareRepo';

/** Adds the Git data routes of the repository at `base` to `app`. */
export function githubGitDataRoutes(
  app: express.Express,
  base: string,
  repo: BareRepo,
  notFound: (res: express.Response) => unknown,
) {
  app.get(new RegExp(`^${base}/git/ref/(.+)$`), (req, res) => {
    const ref = decodeURIComponent((req.params as any)[0]);
    const sha = ref.startsWith('heads/') ? repo.ref(ref.slice(6)) : undefined;
    if (!sha) return notFound(res);
    return res.json({ ref: `refs/${ref}`, object: { sha, type: 'commit' } });
  });
  app.get(`${base}/git/commits/:sha`, (req, res) => {
    const info = repo.commitInfo(req.params.sha);
    res.json({
      sha: req.params.sha,
      tree: { sha: info.tree },
      parents: info.parents.map(sha => ({ sha })),
      message: info.message,
    });
  });
  app.get(`${base}/git/trees/:sha`, (req, res) => {
    const tree = [...repo.readTree(req.params.sha)].map(([p, e]) => ({
      path: p,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
    }));
    res.json({ sha: req.params.sha, tree, truncated: false });
  });
  app.post(`${base}/git/blobs`, (req, res) => {
    const content = Buffer.from(
      req.body.content,
      req.body.encoding === 'base64' ? 'base64' : 'utf8',
    );
    res.status(201).json({ sha: repo.writeBlob(content) });
  });
  app.post(`${base}/git/trees`, (req, res) => {
    const files: Map<string, TreeEntry> = req.body.base_tree
      ? repo.readTree(req.body.base_tree)
      : new Map();
    for (const e of req.body.tree)
      files.set(e.path, { mode: e.mode, type: 'blob', sha: e.sha });
    res.status(201).json({ sha: repo.writeTree(files) });
  });
  app.post(`${base}/git/commits`, (req, res) => {
    const author = req.body.author ?? {
      name: 'GitHub',
      email: 'noreply@github.invalid',
    };
    res.status(201).json({
      sha: repo.commit(
        req.body.tree,
        req.body.parents,
        req.body.message,
        author,
      ),
    });
  });
  app.post(`${base}/git/refs`, (req, res) => {
    const branch = String(req.body.ref).replace(/^refs\/heads\//, '');
    if (repo.ref(branch))
      return res.status(422).json({ message: 'Reference already exists' });
    repo.updateRef(branch, req.body.sha);
    return res.status(201).json({
      ref: req.body.ref,
      object: { sha: req.body.sha, type: 'commit' },
    });
  });
  app.patch(new RegExp(`^${base}/git/refs/(.+)$`), (req, res) => {
    const branch = decodeURIComponent((req.params as any)[0]).replace(
      /^heads\//,
      '',
    );
    const current = repo.ref(branch);
    if (!current)
      return res.status(422).json({ message: 'Reference does not exist' });
    if (
      !req.body.force &&
      !repo.commitInfo(req.body.sha).parents.includes(current)
    ) {
      return res.status(422).json({ message: 'Update is not a fast forward' });
    }
    repo.updateRef(branch, req.body.sha);
    return res.json({
      ref: `refs/heads/${branch}`,
      object: { sha: req.body.sha, type: 'commit' },
    });
  });
}
