// Loads the shipped bank into the database on every start: new questions are added, questions
// whose shipped text changed are updated as a new version, and nothing an organisation wrote
// or edited is ever overwritten. Idempotent: a second start changes nothing.
import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { loadBank, type Question, type ThemedSet } from '@dangshi/question-bank';
import { QuestionRecord, QuestionSetRecord, QuestionVersionRecord } from './bank.entities';
import { questionRow } from './question-row';

export interface SyncResult {
  added: number;
  updated: number;
  kept: number;
  sets: number;
}

export function contentHash(question: Question): string {
  return createHash('sha256').update(JSON.stringify(question)).digest('hex');
}

@Injectable()
export class ShippedBankSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bank');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const bank = loadBank();
    if (bank.errors.length > 0) {
      // A broken shipped file is a release bug: load the valid questions, say loudly what is wrong.
      this.logger.error(`shipped bank has ${bank.errors.length} errors; run \`npm run bank -- validate\``);
    }
    const result = await this.sync(bank.questions, bank.sets, Date.now());
    this.logger.log(
      `shipped bank: ${bank.questions.length} questions (${result.added} added, ${result.updated} updated, ${result.kept} kept as edited), ${result.sets} sets`,
    );
  }

  sync(questions: Question[], sets: ThemedSet[], now: number): Promise<SyncResult> {
    return this.dataSource.transaction(async (tx) => {
      const result: SyncResult = { added: 0, updated: 0, kept: 0, sets: 0 };
      const existing = new Map((await tx.find(QuestionRecord, { select: ['id', 'version', 'origin', 'shippedHash', 'locallyEdited', 'createdAt'] })).map((r) => [r.id, r]));
      for (const question of questions) {
        const hash = contentHash(question);
        const row = existing.get(question.id);
        if (!row) {
          await this.write(tx, question, 1, hash, now, now);
          result.added += 1;
        } else if (row.origin === 'shipped' && row.shippedHash !== hash) {
          if (row.locallyEdited) {
            result.kept += 1;
          } else {
            await this.write(tx, question, row.version + 1, hash, row.createdAt, now);
            result.updated += 1;
          }
        }
      }
      for (const set of sets) {
        await tx.save(QuestionSetRecord, {
          id: set.id,
          title: set.title,
          description: set.description,
          origin: 'shipped',
          kind: set.ids.length && !set.tags.length ? 'manual' : 'tags',
          questionIds: set.ids,
          rule: { tags: set.tags },
          createdBy: null,
          createdAt: now,
          updatedAt: now,
        });
        result.sets += 1;
      }
      return result;
    });
  }

  private async write(tx: EntityManager, q: Question, version: number, hash: string, createdAt: number, now: number): Promise<void> {
    await tx.save(QuestionRecord, { ...questionRow(q, version, 'shipped', createdAt, now), shippedHash: hash });
    await tx.insert(QuestionVersionRecord, {
      questionId: q.id,
      version,
      data: q,
      changedBy: null,
      note: version === 1 ? 'shipped' : 'shipped update',
      createdAt: now,
    });
  }
}
