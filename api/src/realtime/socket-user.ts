// Who is behind a socket: the same session cookie as HTTP (same origin), checked once per
// connection by ConnectionGateway. Every gateway reads it through `socketUser`, which waits for
// that check so a host's first command cannot race its own authentication.
import type { Socket } from 'socket.io';

export interface SocketUser {
  id: string;
  role: 'admin' | 'host' | 'member';
  displayName: string;
}

export interface SocketAuthData {
  /** Pending while the cookie is being checked (a database read); dropped once settled. */
  ready?: Promise<void>;
  user?: SocketUser;
}

export async function socketUser(socket: Socket): Promise<SocketUser | undefined> {
  const data = socket.data as SocketAuthData;
  await data.ready;
  return data.user;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
