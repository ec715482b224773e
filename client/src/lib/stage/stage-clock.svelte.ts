// The answer clock every stage page shows (host, judges, projector, team devices): it ticks only
// while a question's answer time runs, from the server's deadline and the server-corrected now,
// with the round's own answer time as the full ring. Create it during a component's set-up: it
// starts and stops its ticker in an $effect tied to that component.
import type { StageView } from '@dangshi/protocol';
import { ServerClock } from '$lib/contest/screen-ticker.svelte';
import { getConnection } from '$lib/socket/connection';
import { stageCountdown, type StageCountdown } from './stage-countdown';
import { answerLimitMs } from './stage-view';

export class StageClock {
  readonly #view: () => StageView | null;
  readonly #ticker = new ServerClock();
  readonly #connection = getConnection();

  readonly #timed = $derived.by(() => {
    const q = this.#view()?.question;
    return q?.status === 'open' && q.deadline !== null;
  });

  /** null when no answer time is running. */
  readonly countdown: StageCountdown | null = $derived.by(() => {
    const view = this.#view();
    const q = view?.question;
    if (!view || !q || !this.#timed) return null;
    return stageCountdown(q.deadline, this.#ticker.now || this.#connection.serverNow(), answerLimitMs(view));
  });

  constructor(view: () => StageView | null) {
    this.#view = view;
    $effect(() => {
      if (this.#timed) return this.#ticker.start();
    });
  }
}
