/**
 * GitLab's repository API (`/projects/:id/repository/...`: branches, tree,
 * commits with actions, files) over a bare Git repository, for the loopback
 * GitLab.
 */
import type express from 'express';
import { notFound, paged } from './fakeGitlabResponses';
import { createHash } from 'node:crypto';
import type { BareRepo } from './bareRepo';

/**
 * `routes` followed by `pattern` (a regular expression whose groups are the
 * route's parameters, for parameters that may hold an encoded `/`).
 */
function matching(routes: string[], pattern: string) {
  return routes.map(
    r => new RegExp(`^${r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${pattern}$`),
  );
}

/** Adds the repository routes of the project at `routes` to `app`. */
export function gitlabRepositoryRoutes(
  app: express.Express,
  routes: string[],
  repo: BareRepo,
) {
  app.get(matching(routes, '/repository/branches/(.+)'), (req, res) => {
    const name = decodeURIComponent((req.params as any)[0]);
    const sha = repo.ref(name);
    if (!sha) return notFound(res, '404 Branch Not Found');
    return res.json({
      name,
      commit: { id: sha, message: repo.commitInfo(sha).message },
      default: name === 'main',
    });
  });
  app.post(
    routes.map(r => `${r}/repository/branches`),
    (req, res) => {
      const branch = req.body.branch ?? req.query.branch;
      const ref = req.body.ref ?? req.query.ref;
      if (repo.ref(branch))
        return res.status(400).json({ message: 'Branch already exists' });
      const sha = repo.ref(ref);
      if (!sha)
        return res.status(400).json({ message: 'Invalid reference name' });
      repo.updateRef(branch, sha);
      return res.status(201).json({ name: branch, commit: { id: sha } });
    },
  );
  app.get(
    routes.map(r => `${r}/repository/tree`),
    (req, res) => {
      const sha = repo.ref(String(req.query.ref ?? 'main'));
      if (!sha) return notFound(res, '404 Tree Not Found');
      const files = repo.readTree(repo.commitInfo(sha).tree);
      // `path` limits the listing to a folder; without `recursive`, one
      // level of it: its files (blob) and folders (tree).
      const folder = String(req.query.path ?? '').replace(/\/+$/, '');
      const prefix = folder ? `${folder}/` : '';
      const recursive = String(req.query.recursive) === 'true';
      const entries = new Map<
        string,
        { id: string; type: 'blob' | 'tree'; mode: string }
      >();
      for (const [p, e] of files) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length).split('/');
        if (recursive || rest.length === 1) {
          entries.set(p, { id: e.sha, type: 'blob', mode: e.mode });
        } else {
          entries.set(`${prefix}${rest[0]}`, {
            id: createHash('sha1').update(`${prefix}${rest[0]}`).digest('hex'),
            type: 'tree',
            mode: '040000',
          });
        }
      }
      if (folder && !entries.size) return notFound(res, '404 Tree Not Found');
      return paged(
        res,
        [...entries].map(([p, e]) => ({
          id: e.id,
          name: p.split('/').pop(),
          type: e.type,
          path: p,
          mode: e.mode,
        })),
      );
    },
  );
  app.post(
    routes.map(r => `${r}/repository/commits`),
    (req, res) => {
      const branch = req.body.branch;
      const head = repo.ref(branch);
      if (!head)
        return res.status(400).json({
          message: 'You can only create or edit files when you are on a branch',
        });
      const files = repo.readTree(repo.commitInfo(head).tree);
      for (const a of req.body.actions ?? []) {
        const exists = files.has(a.file_path);
        if (a.action === 'create' && exists)
          return res
            .status(400)
            .json({ message: 'A file with this name already exists' });
        if (a.action === 'update' && !exists)
          return res
            .status(400)
            .json({ message: "A file with this name doesn't exist" });
        const content = Buffer.from(
          a.content ?? '',
          a.encoding === 'base64' ? 'base64' : 'utf8',
        );
        files.set(a.file_path, {
          mode: '100644',
          type: 'blob',
          sha: repo.writeBlob(content),
        });
      }
      const tree = repo.writeTree(files);
      const sha = repo.commit(tree, [head], req.body.commit_message, {
        name: req.body.author_name ?? 'GitLab',
        email: req.body.author_email ?? 'gitlab@example.invalid',
      });
      repo.updateRef(branch, sha);
      return res.status(201).json({
        id: sha,
        short_id: sha.slice(0, 8),
        title: req.body.commit_message,
      });
    },
  );
  app.get(matching(routes, '/repository/files/([^/]+)'), (req, res) => {
    const file = decodeURIComponent((req.params as any)[0]);
    const ref = String(req.query.ref ?? '');
    const commit = ref ? repo.resolve(ref) : undefined;
    const entry = commit
      ? repo.readTree(repo.commitInfo(commit).tree).get(file)
      : undefined;
    if (!commit || !entry) return notFound(res, '404 File Not Found');
    const content = repo.readBlob(entry.sha);
    return res.json({
      file_name: file.split('/').pop(),
      file_path: file,
      size: content.length,
      encoding: 'base64',
      content: content.toString('base64'),
      content_sha256: createHash('sha256').update(content).digest('hex'),
      ref,
      blob_id: entry.sha,
      commit_id: commit,
      last_commit_id: commit,
    });
  });
}
