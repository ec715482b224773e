import { describe, expect, it } from 'vitest';
import { AppError } from '../common/app-error';
import { Matchmaking, type Waiter } from './matchmaking';

const T0 = 1_000_000;
const member = (n: number): Waiter => ({ userId: `u${n}`, name: `党员${n}` });
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return codeOf(error);
  }
  return 'accepted';
}

describe('matchmaking queues', () => {
  it('pairs two members for a 1v1 as soon as the second arrives', () => {
    const mm = new Matchmaking(() => 'CODE0001');
    expect(mm.enqueue(member(1), 2, T0).group).toBeNull();
    const { group } = mm.enqueue(member(2), 2, T0 + 500);
    expect(group).toEqual({ kind: 'queue', size: 2, code: null, members: [member(1), member(2)] });
    expect(mm.queue(2)).toEqual([]);
    expect(mm.waitingOf('u1')).toBeNull();
  });

  it('forms a 4-player group only with four, first come first served', () => {
    const mm = new Matchmaking(() => 'X');
    for (const n of [1, 2, 3]) expect(mm.enqueue(member(n), 4, T0 + n).group).toBeNull();
    // A 1v1 queue is a separate line.
    expect(mm.enqueue(member(9), 2, T0).group).toBeNull();
    const { group } = mm.enqueue(member(4), 4, T0 + 4);
    expect(group?.members.map((m) => m.userId)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(mm.enqueue(member(5), 4, T0 + 5).group).toBeNull();
    expect(mm.queue(4).map((t) => t.userId)).toEqual(['u5']);
    expect(mm.queue(2).map((t) => t.userId)).toEqual(['u9']);
  });

  it('takes the longest-waiting members first', () => {
    const mm = new Matchmaking(() => 'X');
    mm.enqueue(member(1), 2, T0);
    mm.cancel('u1');
    mm.enqueue(member(2), 2, T0 + 1);
    expect(mm.enqueue(member(3), 2, T0 + 2).group?.members.map((m) => m.userId)).toEqual(['u2', 'u3']);
  });

  it('never matches a member with themselves: one queue at a time', () => {
    const mm = new Matchmaking(() => 'X');
    mm.enqueue(member(1), 2, T0);
    expect(refusal(() => mm.enqueue(member(1), 2, T0 + 1))).toBe('MATCH_ALREADY_WAITING');
    expect(refusal(() => mm.enqueue(member(1), 4, T0 + 1))).toBe('MATCH_ALREADY_WAITING');
    expect(refusal(() => mm.openInvite(member(1), 2, T0 + 1))).toBe('MATCH_ALREADY_WAITING');
    expect(mm.queue(2)).toHaveLength(1);
    expect(mm.queue(4)).toHaveLength(0);
  });

  it('lists tickets that waited the full time and keeps them queued for a late opponent', () => {
    const mm = new Matchmaking(() => 'X');
    mm.enqueue(member(1), 2, T0);
    mm.enqueue(member(2), 4, T0 + 5_000);
    expect(mm.expired(T0 + 14_999, 15_000)).toEqual([]);
    expect(mm.expired(T0 + 15_000, 15_000).map((t) => t.userId)).toEqual(['u1']);
    expect(mm.expired(T0 + 20_000, 15_000).map((t) => t.userId)).toEqual(['u1', 'u2']);
    expect(mm.enqueue(member(3), 2, T0 + 21_000).group?.members.map((m) => m.userId)).toEqual(['u1', 'u3']);
  });

  it('cancels: the member leaves the queue and may queue again', () => {
    const mm = new Matchmaking(() => 'X');
    mm.enqueue(member(1), 4, T0);
    mm.enqueue(member(2), 4, T0);
    expect(mm.cancel('u1')).toMatchObject({ kind: 'queue', ticket: { userId: 'u1', size: 4 } });
    expect(mm.cancel('u1')).toBeNull();
    expect(mm.queue(4).map((t) => t.userId)).toEqual(['u2']);
    expect(mm.enqueue(member(1), 2, T0 + 1).group).toBeNull();
  });

  it('takes a waiting queue for bots: everyone waiting in it plays', () => {
    const mm = new Matchmaking(() => 'X');
    mm.enqueue(member(1), 4, T0);
    mm.enqueue(member(2), 4, T0 + 1);
    expect(mm.takeForBots('u2', T0 + 20_000)).toEqual({ kind: 'queue', size: 4, code: null, members: [member(1), member(2)] });
    expect(mm.queue(4)).toEqual([]);
    expect(refusal(() => mm.takeForBots('u2', T0))).toBe('MATCH_NOT_WAITING');
  });
});

describe('invite rooms', () => {
  it('opens a room by code, admits friends until full, then the code reads as full', () => {
    const codes = ['ABCD2345', 'ABCD2345', 'EFGH6789'];
    const mm = new Matchmaking(() => codes.shift()!);
    const room = mm.openInvite(member(1), 4, T0);
    expect(room).toMatchObject({ code: 'ABCD2345', size: 4, members: [member(1)] });
    // A code already in use is never handed out twice.
    expect(mm.openInvite(member(7), 2, T0).code).toBe('EFGH6789');
    expect(mm.accept(member(2), 'abcd2345', T0 + 1).group).toBeNull();
    // Accepting again is harmless.
    expect(mm.accept(member(2), 'ABCD2345', T0 + 2).room.members).toHaveLength(2);
    expect(mm.accept(member(3), 'ABCD2345', T0 + 3).group).toBeNull();
    const { group } = mm.accept(member(4), 'ABCD2345', T0 + 4);
    expect(group).toEqual({ kind: 'invite', size: 4, code: 'ABCD2345', members: [member(1), member(2), member(3), member(4)] });
    expect(refusal(() => mm.accept(member(5), 'ABCD2345', T0 + 5))).toBe('MATCH_FULL');
    // The members are free to play again.
    expect(mm.waitingOf('u1')).toBeNull();
    mm.prune(T0 + 599_000, 600_000);
    expect(refusal(() => mm.accept(member(5), 'ABCD2345', T0 + 599_000))).toBe('MATCH_FULL');
    mm.prune(T0 + 600_004, 600_000);
    expect(refusal(() => mm.accept(member(5), 'ABCD2345', T0 + 600_004))).toBe('MATCH_INVITE_INVALID');
  });

  it('refuses unknown codes and members waiting elsewhere', () => {
    const mm = new Matchmaking(() => 'ROOM0001');
    expect(refusal(() => mm.accept(member(1), 'NOPE0000', T0))).toBe('MATCH_INVITE_INVALID');
    mm.openInvite(member(1), 2, T0);
    mm.enqueue(member(2), 4, T0);
    expect(refusal(() => mm.accept(member(2), 'ROOM0001', T0))).toBe('MATCH_ALREADY_WAITING');
  });

  it('keeps a room while someone is in it, and forgets it when the last one leaves', () => {
    const mm = new Matchmaking(() => 'ROOM0001');
    mm.openInvite(member(1), 4, T0);
    mm.accept(member(2), 'ROOM0001', T0);
    mm.cancel('u1');
    expect(mm.waitingOf('u2')).toMatchObject({ kind: 'invite', room: { members: [member(2)] } });
    expect(mm.accept(member(3), 'ROOM0001', T0).room.members.map((m) => m.userId)).toEqual(['u2', 'u3']);
    mm.cancel('u2');
    mm.cancel('u3');
    expect(refusal(() => mm.accept(member(4), 'ROOM0001', T0))).toBe('MATCH_INVITE_INVALID');
  });

  it('starts a room with bots before it is full', () => {
    const mm = new Matchmaking(() => 'ROOM0001');
    mm.openInvite(member(1), 4, T0);
    mm.accept(member(2), 'ROOM0001', T0);
    expect(mm.takeForBots('u1', T0 + 1)).toEqual({ kind: 'invite', size: 4, code: 'ROOM0001', members: [member(1), member(2)] });
    expect(refusal(() => mm.accept(member(3), 'ROOM0001', T0 + 2))).toBe('MATCH_FULL');
  });
});
