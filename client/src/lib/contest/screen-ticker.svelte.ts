// A ticking server-time value for countdowns. Started by the component that shows a clock and
// stopped with it, so nothing ticks when no question is on screen.
import { getConnection } from '$lib/socket/connection';

/** 4 updates a second: a whole-second display never lags visibly, and it is cheap. */
const TICK_MS = 250;

export class ServerClock {
  now = $state(0);

  /** Returns the cleanup for $effect. */
  start(): () => void {
    const connection = getConnection();
    const tick = () => (this.now = connection.serverNow());
    tick();
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }
}
