// A TCP proxy standing for the Wi-Fi between one phone and the server, so a test can drop a
// phone's connections (WebSockets included) and bring them back. Shared by the browser tests.
import { createServer, connect, type Socket as TcpSocket } from 'node:net';

export interface FlakyLink {
  url: string;
  cut(): void;
  restore(): void;
  close(): void;
}

/**
 * The hall Wi-Fi between one phone and the server: cut() drops every connection and refuses
 * new ones, restore() lets them through again. (Chromium's offline emulation leaves open
 * WebSockets alone, so it cannot simulate a drop.)
 */
export async function startFlakyLink(target: string): Promise<FlakyLink> {
  const { hostname, port } = new URL(target);
  const open = new Set<TcpSocket>();
  let up = true;
  const proxy = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    const pair = [client, upstream];
    for (const s of pair) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        for (const other of pair) other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    cut: () => {
      up = false;
      for (const s of open) s.destroy();
    },
    restore: () => {
      up = true;
    },
    close: () => {
      for (const s of open) s.destroy();
      proxy.close();
    },
  };
}
