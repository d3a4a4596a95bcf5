// The web app (built from web/ into web/dist by Vite) served by the API's own process: its
// assets under /assets, and its pages (search, provisions, exemption checker, classification
// wizard, dashboards, and the GraphQL explorer at /graphql) to browsers that ask for HTML.
// GraphQL clients keep /graphql: a POST, or a GET that does not ask for text/html, goes on to
// Apollo. The pages run under the Content-Security-Policy of security-headers.ts (this origin
// only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The app's routes (web/src/app.tsx): any other page address is answered 404 (the app shows "not found"). */
const PAGE_ROUTES = [
  /^\/$/,
  /^\/(search|exemptions|classify|licence|dashboards|graphql)\/?$/,
  /^\/provisions\/[^/]+\/[^/]+\/?$/,
];

function wantsHtml(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.accepts(['json', 'html']) === 'html';
}

export function webAppRouter(distDir: string = WEB_DIST_DIR): Router {
  const router = express.Router();
  const indexFile = join(distDir, 'index.html');
  router.use(
    '/assets',
    // File names carry a content hash: a changed file has a new name.
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    // An asset of another build (a page open across a deploy): a plain 404, never the page.
    (_request: Request, response: Response) => {
      response.status(404).type('text/plain').send('No such asset in this build of the web app: reload the page.');
    },
  );
  router.use((request: Request, response: Response, next) => {
    if (!wantsHtml(request)) {
      next();
      return;
    }
    const known = PAGE_ROUTES.some((route) => route.test(request.path));
    // /export and the probes answer JSON or files even to a browser; unknown pages get the app's "not found".
    if (!known && /^\/(export|healthz|readyz)(\/|$)/.test(request.path)) {
      next();
      return;
    }
    response.set('cache-control', 'no-cache');
    if (!existsSync(indexFile)) {
      response
        .status(503)
        .type('text/plain')
        .send('The web app has not been built: run `npm run build:web` (npm start builds it), then reload.');
      return;
    }
    response.status(known ? 200 : 404).sendFile(indexFile);
  });
  return router;
}
