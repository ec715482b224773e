// Writes rows in batches: everything that arrives within one turn of the event loop (up to 500
// rows) goes into one INSERT in one transaction, off the per-message path. The promise for a row
// resolves only once it is committed, so an acknowledged answer (or join) is never lost. A
// failed batch is kept and retried; its rows stay unacknowledged until written.
import { Logger } from '@nestjs/common';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export const MAX_BATCH_ROWS = 500;
const RETRY_MS = 500;

interface Pending<T> {
  row: T;
  resolve: () => void;
}

export class BatchWriter<T extends ObjectLiteral> {
  private readonly logger: Logger;
  private queue: Pending<T>[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** Resolves when the row is committed. */
  write(row: T): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ row, resolve });
      this.schedule(0);
    });
  }

  /** Resolves when everything queued so far is committed (acks for retried answers wait here). */
  async drained(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) {
      await new Promise<void>((r) => setImmediate(r));
      await this.flushing;
    }
    await this.flushing;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Flushes what is queued; used by graceful shutdown. */
  async close(): Promise<void> {
    await this.drained();
    this.closed = true;
  }

  private schedule(delayMs: number): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, MAX_BATCH_ROWS);
      try {
        await this.dataSource.transaction(async (tx) => {
          // A retried batch may already be in: the primary key makes a repeated row a no-op.
          await tx.createQueryBuilder().insert().into(this.entity).values(batch.map((p) => p.row)).orIgnore().execute();
        });
      } catch (error) {
        this.logger.error(`batch of ${batch.length} rows failed, retrying: ${(error as Error).message}`);
        this.schedule(RETRY_MS);
        return;
      }
      this.queue.splice(0, batch.length);
      for (const p of batch) p.resolve();
    }
  }
}
