// Who waits for whom: one first-come-first-served queue per match size, and friend rooms opened
// by an invite code. Pure bookkeeping (no timers, no sockets, `now` passed in), so the rules are
// unit-tested on their own; MatchLobby runs it and tells the phones.
import type { MatchSize } from '@dangshi/protocol';
import { AppError } from '../common/app-error';

export interface Waiter {
  userId: string;
  name: string;
}

export interface Ticket extends Waiter {
  size: MatchSize;
  since: number;
}

export interface InviteRoom {
  code: string;
  size: MatchSize;
  createdAt: number;
  /** In arrival order; the first one opened the room (or is the longest there). */
  members: Waiter[];
  /** Set when the room filled (or took bots) and its match began: the code then answers MATCH_FULL. */
  startedAt: number | null;
}

export type Waiting = { kind: 'queue'; ticket: Ticket } | { kind: 'invite'; room: InviteRoom };

/** A group that leaves matchmaking to play. */
export interface Group {
  kind: 'queue' | 'invite';
  size: MatchSize;
  code: string | null;
  members: Waiter[];
}

export class Matchmaking {
  private readonly queues = new Map<MatchSize, Ticket[]>([
    [2, []],
    [4, []],
  ]);
  private readonly rooms = new Map<string, InviteRoom>();
  private readonly where = new Map<string, { kind: 'queue'; size: MatchSize } | { kind: 'invite'; code: string }>();

  /** `newCode` makes invite codes (random in production, fixed in tests). */
  constructor(private readonly newCode: () => string) {}

  /** Where a member waits, if anywhere. */
  waitingOf(userId: string): Waiting | null {
    const at = this.where.get(userId);
    if (!at) return null;
    if (at.kind === 'invite') return { kind: 'invite', room: this.rooms.get(at.code)! };
    return { kind: 'queue', ticket: this.queue(at.size).find((t) => t.userId === userId)! };
  }

  /** An invite room still waiting for players. */
  waitingRoom(code: string): InviteRoom | null {
    const room = this.rooms.get(code.toUpperCase());
    return room && room.startedAt === null ? room : null;
  }

  /** The members waiting in a size's queue, longest first. */
  queue(size: MatchSize): readonly Ticket[] {
    return this.queues.get(size)!;
  }

  /**
   * Queues a member. As soon as `size` members wait, the longest-waiting ones leave together as a
   * group (a member is only ever once in the queue, so never matched with themselves).
   */
  enqueue(waiter: Waiter, size: MatchSize, now: number): { ticket: Ticket; group: Group | null } {
    if (this.where.has(waiter.userId)) throw new AppError('MATCH_ALREADY_WAITING');
    const ticket: Ticket = { ...waiter, size, since: now };
    const queue = this.queues.get(size)!;
    queue.push(ticket);
    this.where.set(waiter.userId, { kind: 'queue', size });
    if (queue.length < size) return { ticket, group: null };
    const members = queue.splice(0, size);
    for (const m of members) this.where.delete(m.userId);
    return { ticket, group: { kind: 'queue', size, code: null, members: members.map(({ userId, name }) => ({ userId, name })) } };
  }

  /**
   * Tickets that have waited at least `waitMs`. They stay queued: a late opponent still pairs
   * with them until they take a bot or cancel.
   */
  expired(now: number, waitMs: number): Ticket[] {
    return [...this.queues.values()].flat().filter((t) => now - t.since >= waitMs);
  }

  /** Leaves the queue or the invite room; what was left (to tell whoever is still waiting there). */
  cancel(userId: string): Waiting | null {
    const waiting = this.waitingOf(userId);
    if (!waiting) return null;
    this.where.delete(userId);
    if (waiting.kind === 'queue') {
      const queue = this.queues.get(waiting.ticket.size)!;
      queue.splice(queue.indexOf(waiting.ticket), 1);
    } else {
      const room = waiting.room;
      room.members = room.members.filter((m) => m.userId !== userId);
      // The room lives while someone is in it: the next member holds it, the link stays valid.
      if (room.members.length === 0) this.rooms.delete(room.code);
    }
    return waiting;
  }

  /** Opens a friend room; its code goes into the invite link. */
  openInvite(waiter: Waiter, size: MatchSize, now: number): InviteRoom {
    if (this.where.has(waiter.userId)) throw new AppError('MATCH_ALREADY_WAITING');
    let code = this.newCode();
    while (this.rooms.has(code)) code = this.newCode();
    const room: InviteRoom = { code, size, createdAt: now, members: [{ ...waiter }], startedAt: null };
    this.rooms.set(code, room);
    this.where.set(waiter.userId, { kind: 'invite', code });
    return room;
  }

  /** Joins a friend room by its code; the room leaves as a group when its seats are full. */
  accept(waiter: Waiter, code: string, now: number): { room: InviteRoom; group: Group | null } {
    const room = this.rooms.get(code.toUpperCase());
    if (!room) throw new AppError('MATCH_INVITE_INVALID');
    if (room.members.some((m) => m.userId === waiter.userId)) return { room, group: null };
    if (room.startedAt !== null || room.members.length >= room.size) throw new AppError('MATCH_FULL');
    if (this.where.has(waiter.userId)) throw new AppError('MATCH_ALREADY_WAITING');
    room.members.push({ ...waiter });
    this.where.set(waiter.userId, { kind: 'invite', code: room.code });
    if (room.members.length < room.size) return { room, group: null };
    return { room, group: this.start(room, now) };
  }

  /**
   * The member's queue or room leaves now, its empty seats to be filled with bots: everyone
   * waiting with the member plays (a queue never holds a full group, so that is all of it).
   */
  takeForBots(userId: string, now: number): Group {
    const waiting = this.waitingOf(userId);
    if (!waiting) throw new AppError('MATCH_NOT_WAITING');
    if (waiting.kind === 'invite') return this.start(waiting.room, now);
    const queue = this.queues.get(waiting.ticket.size)!;
    const members = queue.splice(0, queue.length);
    for (const m of members) this.where.delete(m.userId);
    return { kind: 'queue', size: waiting.ticket.size, code: null, members: members.map(({ userId, name }) => ({ userId, name })) };
  }

  /** Forgets rooms whose match began more than `keepMs` ago (their code then reads as invalid). */
  prune(now: number, keepMs: number): void {
    for (const [code, room] of this.rooms) {
      if (room.startedAt !== null && now - room.startedAt >= keepMs) this.rooms.delete(code);
    }
  }

  private start(room: InviteRoom, now: number): Group {
    room.startedAt = now;
    for (const m of room.members) this.where.delete(m.userId);
    return { kind: 'invite', size: room.size, code: room.code, members: room.members.map((m) => ({ ...m })) };
  }
}
