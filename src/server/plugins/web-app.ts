/**
 * Serves the built single-page app from `dist/web` (built by `npm run build:web`); unknown
 * non-API paths fall back to index.html so client-side routes work on reload.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Registers static serving of the web app, or a clear page saying it is not built. */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(`${WEB_DIST}/index.html`)) {
    app.log.warn(`web app not built (${WEB_DIST}); run "npm run build:web"`);
    await app.register(fastifyStatic, { root: fileURLToPath(new URL('./web-missing', import.meta.url)), serve: false });
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
}
