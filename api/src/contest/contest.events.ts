// What other domains may learn from the live contest without reaching into it: today, that a
// contest has finished (rankings record its results). Listeners run after the final snapshot is
// queued; a failing listener is logged and never breaks the contest.
import { Injectable, Logger } from '@nestjs/common';
import type { ContestState } from './engine/types';

export type ContestFinishedListener = (state: ContestState) => Promise<void> | void;

@Injectable()
export class ContestEvents {
  private readonly logger = new Logger('ContestEvents');
  private readonly finishedListeners: ContestFinishedListener[] = [];

  onFinished(listener: ContestFinishedListener): void {
    this.finishedListeners.push(listener);
  }

  async finished(state: ContestState): Promise<void> {
    for (const listener of this.finishedListeners) {
      try {
        await listener(state);
      } catch (error) {
        this.logger.error(`a contest-finished listener failed for ${state.id}: ${(error as Error).message}`);
      }
    }
  }
}
