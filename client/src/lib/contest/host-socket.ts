// Socket plumbing shared by the console and the projector. Two facts of the server shape it:
// a socket is recognised (host or not) by the session cookie at connect time only, and it can
// join a contest's rooms but never leave them. Both are solved the same way: a fresh socket.
import type { Ack } from '@dangshi/protocol';
import { getConnection, type Connection } from '$lib/socket/connection';

/** Resolves once the shared socket is connected (connecting it if needed). */
export function connected(connection: Connection = getConnection()): Promise<void> {
  const socket = connection.socket;
  if (socket.connected) return Promise.resolve();
  connection.connect();
  return new Promise((resolve) => socket.once('connect', () => resolve()));
}

/** Drops and reopens the socket: the new handshake carries the current session cookie. */
export async function reconnect(connection: Connection = getConnection()): Promise<void> {
  connection.disconnect();
  await connected(connection);
}

// What this socket (by its id) already follows; following something else needs a new socket,
// or the old contest's lobby and progress events would still arrive.
let following: { socketId: string; key: string } | null = null;

/** Call before subscribing to `key` ('host:<id>' or 'screen:<pin>'). */
export async function readyToFollow(key: string, connection: Connection = getConnection()): Promise<void> {
  await connected(connection);
  const socketId = connection.socket.id ?? '';
  if (following && following.socketId === socketId && following.key !== key) await reconnect(connection);
  following = { socketId: connection.socket.id ?? '', key };
}

/**
 * Runs a socket request; if the server says "not logged in" although this page has a session
 * (the socket predates the login), reconnects once so the cookie is read, and tries again.
 */
export async function withSession<T>(loggedIn: boolean, request: () => Promise<Ack<T>>): Promise<Ack<T>> {
  const first = await request();
  if (first.ok || first.error.code !== 'UNAUTHENTICATED' || !loggedIn) return first;
  await reconnect();
  return request();
}
