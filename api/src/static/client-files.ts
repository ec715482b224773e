// Serves the built SvelteKit client on the api's own origin (so sockets need no CORS), and
// derives the Content-Security-Policy script hashes from the inline boot scripts it finds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the api, never to the client's SPA fallback. */
const API_PREFIXES = ['/api', '/metrics', '/socket.io'];

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '_app' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** 'sha256-…' sources for every inline <script> in the built pages. */
export function inlineScriptHashes(clientDir: string): string[] {
  if (!existsSync(clientDir)) return [];
  const hashes = new Set<string>();
  for (const file of htmlFiles(clientDir)) {
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
    }
  }
  return [...hashes];
}

/** Mounts the client: hashed assets cached for a year, pages revalidated, SPA fallback last. */
export function mountClient(app: Express, clientDir: string): boolean {
  const fallback = join(clientDir, '200.html');
  if (!existsSync(fallback)) return false;
  app.use(
    '/_app/immutable',
    express.static(join(clientDir, '_app/immutable'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(clientDir, { extensions: ['html'], index: 'index.html', maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    res.sendFile(fallback, { headers: { 'Cache-Control': 'no-cache' } });
  });
  return true;
}
