import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface LoggedRequest {
  method: string;
  path: string;
  range: string | null;
}

export interface RangeServer {
  origin: string;
  requests: LoggedRequest[];
  close: () => Promise<void>;
}

/**
 * A static file server on another origin (127.0.0.1, its own port) that honours single byte ranges,
 * allows cross-origin reads, and logs every request, so tests can see how a file was read.
 */
export async function startRangeServer(root: string): Promise<RangeServer> {
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const range = req.headers.range ?? null;
    requests.push({ method: req.method ?? '', path: url.pathname, range });
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges');
    res.setHeader('Accept-Ranges', 'bytes');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let body: Buffer;
    try {
      body = readFileSync(path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '')));
    } catch {
      return void res.writeHead(404).end('not found');
    }
    const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      const end = Math.min(body.length - 1, match[2] ? Number(match[2]) : body.length - 1);
      if (start >= body.length || end < start) return void res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 });
      return void res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, {
      'Content-Length': body.length,
      'Content-Type': url.pathname.endsWith('.parquet') ? 'application/vnd.apache.parquet' : 'text/csv',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
