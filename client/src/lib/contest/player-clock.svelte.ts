// A server-corrected "now" that ticks only while something on screen reads it: the interval
// starts with the first reader and stops with the last (createSubscriber), so a phone in the
// lobby or on the podium does not wake up four times a second for nothing.
import { createSubscriber } from 'svelte/reactivity';
import type { Connection } from '$lib/socket/connection';

/** Fast enough for a smooth seconds display, slow enough for old phones. */
const TICK_MS = 250;

export class PlayerClock {
  readonly #connection: Connection;
  readonly #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, TICK_MS);
    return () => clearInterval(timer);
  });

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /** Server time in ms; reading it in a template or $derived re-runs it every tick. */
  now(): number {
    this.#subscribe();
    return this.#connection.serverNow();
  }
}
