// Matchmaking at work: runs the pure Matchmaking with the clock, tells waiting members how their
// wait goes (who waits with them; `timedOut` once MATCH_QUEUE_WAIT_MS has passed, by a timer),
// and hands full groups, or a group that asked for bots, to MatchService.
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { MatchQueueView, MatchSize, MatchView } from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { MatchTiming } from './match-timing';
import { MatchBroadcaster } from './match.broadcaster';
import { MatchService } from './match.service';
import { Matchmaking, type Group, type Waiter, type Waiting } from './matchmaking';

/** No 0/O or 1/I/L: a code read aloud or typed from a screenshot is typed right. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** A started room's code answers MATCH_FULL for this long, then reads as invalid. */
const STARTED_ROOM_MS = 30 * 60_000;

export function inviteCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

@Injectable()
export class MatchLobby implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Match');
  private mm = new Matchmaking(inviteCode);
  /** The wait-timeout timer of each queued member. */
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly matches: MatchService,
    private readonly broadcaster: MatchBroadcaster,
    private readonly timing: MatchTiming,
  ) {}

  beforeApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Another node is the match hub now: its queues and rooms are the ones that count. */
  reset(): void {
    this.beforeApplicationShutdown();
    this.mm = new Matchmaking(inviteCode);
  }

  /** Looks for opponents; asking again for the same size is the same wait (e.g. from a new socket). */
  queue(member: Waiter, size: MatchSize): MatchQueueView {
    this.refuseIfBusy(member.userId, (w) => w.kind === 'queue' && w.ticket.size === size);
    const waiting = this.mm.waitingOf(member.userId);
    if (waiting) return this.viewOf(member.userId, waiting, Date.now());
    const now = Date.now();
    const { ticket, group } = this.mm.enqueue(member, size, now);
    if (group) return this.launch(group, ticket.since, now);
    const timer = setTimeout(() => this.timedOut(member.userId), this.timing.queueWaitMs);
    timer.unref();
    this.timers.set(member.userId, timer);
    this.tellQueue(size, member.userId);
    return this.viewOf(member.userId, { kind: 'queue', ticket }, now);
  }

  /** Opens a friend match; the code goes into the invite link. */
  invite(member: Waiter, size: MatchSize): MatchQueueView {
    this.refuseIfBusy(member.userId, () => false);
    const now = Date.now();
    this.mm.prune(now, STARTED_ROOM_MS);
    const room = this.mm.openInvite(member, size, now);
    return this.viewOf(member.userId, { kind: 'invite', room }, now);
  }

  /** Joins a friend match by its code; the match starts when the seats are full. */
  accept(member: Waiter, code: string): MatchQueueView {
    this.refuseIfBusy(member.userId, (w) => w.kind === 'invite' && w.room.code === code.toUpperCase());
    const now = Date.now();
    this.mm.prune(now, STARTED_ROOM_MS);
    const { room, group } = this.mm.accept(member, code, now);
    if (group) return this.launch(group, room.createdAt, now);
    this.tellRoom(room.code, member.userId);
    return this.viewOf(member.userId, { kind: 'invite', room }, now);
  }

  /** Leaves the queue or the invite room. */
  cancel(userId: string): { cancelled: boolean } {
    const left = this.mm.cancel(userId);
    if (!left) return { cancelled: false };
    clearTimeout(this.timers.get(userId));
    this.timers.delete(userId);
    if (left.kind === 'queue') this.tellQueue(left.ticket.size, userId);
    else this.tellRoom(left.room.code, userId);
    return { cancelled: true };
  }

  /** The member's queue or room starts now, its empty seats filled with bots. */
  async withBots(userId: string): Promise<MatchView> {
    const group = this.mm.takeForBots(userId, Date.now());
    for (const m of group.members) {
      clearTimeout(this.timers.get(m.userId));
      this.timers.delete(m.userId);
    }
    await this.matches.start(group);
    const view = this.matches.currentView(userId);
    if (!view) throw new AppError('MATCH_NOT_FOUND');
    return view;
  }

  /**
   * A member already waiting elsewhere or playing is refused (one wait at a time), and their
   * phone is sent what they are in, so a reloaded page finds its way back. `same` says which
   * wait is this very request again (answered with its view instead).
   */
  private refuseIfBusy(userId: string, same: (w: Waiting) => boolean): void {
    if (this.matches.playingOf(userId)) {
      // (No view yet while the match is being made: its first view is on its way.)
      const current = this.matches.currentView(userId);
      if (current) this.broadcaster.match(userId, current);
      throw new AppError('MATCH_ALREADY_WAITING');
    }
    const waiting = this.mm.waitingOf(userId);
    if (waiting && !same(waiting)) {
      this.broadcaster.queue(userId, this.viewOf(userId, waiting, Date.now()));
      throw new AppError('MATCH_ALREADY_WAITING');
    }
  }

  /**
   * A full group leaves matchmaking: the ack says who plays, then the match is made (after the
   * ack has gone, so the phone sees the queue view before the first match view).
   */
  private launch(group: Group, since: number, now: number): MatchQueueView {
    for (const m of group.members) {
      clearTimeout(this.timers.get(m.userId));
      this.timers.delete(m.userId);
    }
    const view: MatchQueueView = {
      kind: group.kind,
      size: group.size,
      code: group.code,
      waiting: group.members.map((m) => m.name),
      since,
      serverNow: now,
      timedOut: false,
    };
    for (const m of group.members) this.broadcaster.queue(m.userId, view);
    setImmediate(() => {
      this.matches.start(group).catch((error: unknown) => this.logger.error(`starting a match failed: ${(error as Error).stack ?? String(error)}`));
    });
    return view;
  }

  private timedOut(userId: string): void {
    this.timers.delete(userId);
    const waiting = this.mm.waitingOf(userId);
    // A timer may fire a millisecond before Date.now() says the wait is over.
    if (waiting?.kind === 'queue') this.broadcaster.queue(userId, this.viewOf(userId, waiting, Math.max(Date.now(), waiting.ticket.since + this.timing.queueWaitMs)));
  }

  /** Everyone else in a queue learns who waits with them now. */
  private tellQueue(size: MatchSize, except: string): void {
    const now = Date.now();
    for (const t of this.mm.queue(size)) {
      if (t.userId !== except) this.broadcaster.queue(t.userId, this.viewOf(t.userId, { kind: 'queue', ticket: t }, now));
    }
  }

  private tellRoom(code: string, except: string): void {
    const now = Date.now();
    for (const m of this.mm.waitingRoom(code)?.members ?? []) {
      const waiting = this.mm.waitingOf(m.userId);
      if (m.userId !== except && waiting) this.broadcaster.queue(m.userId, this.viewOf(m.userId, waiting, now));
    }
  }

  private viewOf(userId: string, waiting: Waiting, now: number): MatchQueueView {
    if (waiting.kind === 'invite') {
      const { room } = waiting;
      return { kind: 'invite', size: room.size, code: room.code, waiting: room.members.map((m) => m.name), since: room.createdAt, serverNow: now, timedOut: false };
    }
    const { ticket } = waiting;
    return {
      kind: 'queue',
      size: ticket.size,
      code: null,
      waiting: this.mm.queue(ticket.size).map((t) => t.name),
      since: ticket.since,
      serverNow: now,
      timedOut: this.mm.expired(now, this.timing.queueWaitMs).some((t) => t.userId === userId),
    };
  }
}
