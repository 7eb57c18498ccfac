/** How the loopback GitLab answers: GitLab's 404 body and its pagination headers. */
import type express from 'express';

/** GitLab's 404, `{ message: what }`. */
export function notFound(res: express.Response, what = '404 Not found') {
  return res.status(404).json({ message: what });
}

/** All `items` as one page, with GitLab's pagination headers. */
export function paged(res: express.Response, items: unknown[]) {
  res.set({
    'x-page': '1',
    'x-per-page': String(Math.max(items.length, 20)),
    'x-total': String(items.length),
    'x-total-pages': '1',
    'x-next-page': '',
    'x-prev-page': '',
  });
  res.json(items);
}
