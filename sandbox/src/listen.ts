import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { selfSignedCertificate } from './tls-certificate.js';

// The thin I/O shell: bind the app over http (and optionally https) on 127.0.0.1 by default.

export interface StartOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Also serve https with a self-signed certificate made now. */
  https?: boolean;
  /** Default 0 (any free port). */
  httpsPort?: number;
}

export interface RunningServers {
  url: string;
  httpsUrl?: string;
  /** PEM of the self-signed certificate when https is on. */
  certificate?: string;
  close(): Promise<void>;
}

function urlOf(scheme: string, host: string, server: http.Server): string {
  const { port } = server.address() as AddressInfo;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function bind(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is in use: pass another --port, or 0 for any free port`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function listen(app: Express, options: StartOptions = {}): Promise<RunningServers> {
  const host = options.host ?? '127.0.0.1';
  const plain = http.createServer(app);
  await bind(plain, options.port ?? 0, host);
  const servers: http.Server[] = [plain];
  let httpsUrl: string | undefined;
  let certificate: string | undefined;
  if (options.https) {
    const pem = await selfSignedCertificate();
    const secure = https.createServer({ key: pem.key, cert: pem.cert }, app);
    try {
      await bind(secure, options.httpsPort ?? 0, host);
    } catch (error) {
      await stop(plain);
      throw error;
    }
    servers.push(secure);
    httpsUrl = urlOf('https', host, secure);
    certificate = pem.cert;
  }
  return {
    url: urlOf('http', host, plain),
    httpsUrl,
    certificate,
    close: async () => {
      await Promise.all(servers.map(stop));
    },
  };
}
