// The match page's pure rules: the view-model from the server's MatchView (seats, countdown,
// 3-2-1, reveal rows, key chips, places and the points message), the waiting room (URL, wait
// progress, invite link) and the offline answer outbox (stored per match, resent only while its
// question is open, error handling, the status shown).
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchQueueView, MatchView } from '@dangshi/protocol';
import { ackTimeoutError } from '../socket/ack-timeout';
import { matchAnswerAction, pendingFor, readPending, shownStatus, writePending } from './match-outbox';
import { inviteUrl, lobbyRequest, openSeats, parseSize, waitProgress } from './match-queue';
import {
  initialOf,
  keyParts,
  mySeat,
  publicQuestion,
  questionCountdown,
  resultModel,
  revealRows,
  seatColour,
  seats,
  startCount,
} from './match-view';

const NOW = 1_000_000;

function player(seat: number, name: string, extra: Partial<MatchView['players'][number]> = {}): MatchView['players'][number] {
  return { seat, name, bot: false, score: 0, correct: 0, answered: false, connected: true, forfeited: false, ...extra };
}

function view(extra: Partial<MatchView> = {}): MatchView {
  return {
    id: 'm1',
    size: 2,
    phase: 'question',
    index: 1,
    total: 5,
    question: { questionId: 'q', type: 'single', stem: '遵义会议在哪一年召开？', options: ['1934年', '1935年', '1936年'], category: '党史' },
    deadline: NOW + 9_000,
    serverNow: NOW,
    me: 1,
    players: [player(0, '李红', { score: 120, answered: true }), player(1, '王学习', { score: 80 })],
    reveal: null,
    result: null,
    ...extra,
  };
}

describe('match view-model', () => {
  it('puts this member first and keeps each seat its colour and initial', () => {
    const s = seats(view());
    expect(s.map((x) => [x.seat, x.name, x.me, x.initial])).toEqual([
      [1, '王学习', true, '王'],
      [0, '李红', false, '李'],
    ]);
    expect(s[0]!.colour).toBe(seatColour(1));
    expect(s[1]!.colour).not.toBe(s[0]!.colour);
    expect(s[1]!.answered).toBe(true);
    expect(mySeat(view())?.score).toBe(80);
    expect(initialOf('  𠮷田 ')).toBe('𠮷');
    expect(initialOf('')).toBe('?');
  });

  it('gives the question the shape of the contest phone components', () => {
    expect(publicQuestion(view())).toEqual({
      index: 1,
      total: 5,
      type: 'single',
      stem: '遵义会议在哪一年召开？',
      options: ['1934年', '1935年', '1936年'],
      timeLimitMs: 15_000,
      points: 'standard',
    });
    expect(publicQuestion(view({ question: null }))).toBeNull();
  });

  it('counts down from the server deadline with the corrected clock', () => {
    expect(questionCountdown(view(), NOW + 2_500, 15_000)).toEqual({ stage: 'answering', msLeft: 6_500, totalMs: 15_000, secondsLeft: 7 });
    expect(questionCountdown(view(), NOW + 9_000, 15_000)).toEqual({ stage: 'over', msLeft: 0, totalMs: 15_000, secondsLeft: 0 });
    // A deadline further away than the expected answer time stretches the bar.
    expect(questionCountdown(view({ deadline: NOW + 20_000 }), NOW, 15_000)?.totalMs).toBe(20_000);
    expect(questionCountdown(view({ phase: 'reveal' }), NOW)).toBeNull();
  });

  it('counts 3-2-1 before the first question and then says go', () => {
    const starting = view({ phase: 'starting', index: 0, question: null, deadline: NOW + 3_000 });
    expect(startCount(starting, NOW)).toBe(3);
    expect(startCount(starting, NOW + 1_200)).toBe(2);
    expect(startCount(starting, NOW + 2_999)).toBe(1);
    expect(startCount(starting, NOW + 3_100)).toBe(0);
    expect(startCount(view(), NOW)).toBeNull();
  });

  it('shows every player right or wrong with points and time on the reveal', () => {
    const revealed = view({
      phase: 'reveal',
      reveal: {
        index: 1,
        key: { type: 'single', options: [1] },
        explanation: '1935年1月，遵义会议。',
        source: '《中国共产党历史》',
        answers: [
          { seat: 0, correct: true, points: 150, ms: 3_240 },
          { seat: 1, correct: false, points: 0, ms: null },
        ],
      },
    });
    expect(revealRows(revealed).map((r) => [r.seat, r.me, r.right, r.points, r.seconds])).toEqual([
      [1, true, null, 0, null],
      [0, false, true, 150, 3.2],
    ]);
    expect(revealRows(view())).toEqual([]);
  });

  it('shows the key as the same chips as a live contest', () => {
    const q = publicQuestion(view())!;
    expect(keyParts(q, { type: 'single', options: [1] }).map((p) => [p.letter, p.text])).toEqual([['B', '1935年']]);
    expect(keyParts(q, { type: 'multiple', options: [2, 0] }).map((p) => p.letter)).toEqual(['A', 'C']);
    expect(keyParts(q, { type: 'truefalse', value: false })[0]!.truth).toBe(false);
    expect(keyParts(q, { type: 'fill', accepted: ['遵义', '遵义市'] })[0]!.text).toBe('遵义 / 遵义市');
  });

  it('orders the places and says whether the points were recorded or capped', () => {
    const finished = (pointsRecorded: number, myScore: number, places: [number, number]) =>
      view({
        phase: 'finished',
        players: [player(0, '李红', { bot: true }), player(1, '王学习')],
        result: {
          places: [
            { seat: 0, name: '李红', score: 300, correct: 3, place: places[0], forfeited: false },
            { seat: 1, name: '王学习', score: myScore, correct: 4, place: places[1], forfeited: false },
          ],
          pointsEarned: 50,
          pointsRecorded,
        },
      });
    const won = resultModel(finished(8, 420, [2, 1]))!;
    expect(won.rows.map((r) => [r.place, r.name, r.me, r.bot])).toEqual([
      [1, '王学习', true, false],
      [2, '李红', false, true],
    ]);
    expect(won.outcome).toBe('win');
    expect(won.recorded).toEqual({ kind: 'capped', points: 8 });
    expect(resultModel(finished(50, 420, [2, 1]))!.recorded).toEqual({ kind: 'recorded', points: 50 });
    expect(resultModel(finished(0, 420, [2, 1]))!.recorded).toEqual({ kind: 'capped', points: 0 });
    // Lost with no right answer: nothing earned, nothing capped.
    const none = view({
      phase: 'finished',
      result: { places: [{ seat: 0, name: '李红', score: 300, correct: 3, place: 1, forfeited: false }, { seat: 1, name: '王学习', score: 0, correct: 0, place: 2, forfeited: false }], pointsEarned: 0, pointsRecorded: 0 },
    });
    expect(resultModel(none)!.recorded.kind).toBe('none');
    expect(resultModel(finished(3, 300, [1, 1]))!.outcome).toBe('draw');
    expect(resultModel(finished(3, 100, [1, 2]))!.outcome).toBe('lose');
    expect(resultModel(view())).toBeNull();
  });
});

describe('waiting room', () => {
  const queue: MatchQueueView = { kind: 'queue', size: 4, code: null, waiting: ['王学习', '李红'], since: NOW, serverNow: NOW, timedOut: false };

  it('reads what the URL asks for', () => {
    expect(lobbyRequest(new URLSearchParams('size=2'))).toEqual({ kind: 'queue', size: 2 });
    expect(lobbyRequest(new URLSearchParams('size=4'))).toEqual({ kind: 'queue', size: 4 });
    expect(lobbyRequest(new URLSearchParams('size=3'))).toEqual({ kind: 'choose' });
    expect(lobbyRequest(new URLSearchParams(''))).toEqual({ kind: 'choose' });
    expect(lobbyRequest(new URLSearchParams('invite=AB12cd34&size=2'))).toEqual({ kind: 'accept', code: 'AB12cd34' });
    expect(lobbyRequest(new URLSearchParams('invite=AB1'))).toEqual({ kind: 'badInvite' });
    expect(lobbyRequest(new URLSearchParams('invite=AB12-cd34'))).toEqual({ kind: 'badInvite' });
    expect(parseSize('4')).toBe(4);
    expect(parseSize(null)).toBeNull();
  });

  it('shows the seconds waited of fifteen, full once the server gave up', () => {
    expect(waitProgress(queue, NOW + 6_400)).toEqual({ seconds: 6, max: 15, fraction: 6_400 / 15_000 });
    expect(waitProgress(queue, NOW + 40_000).seconds).toBe(15);
    expect(waitProgress(queue, NOW - 500).seconds).toBe(0);
    expect(waitProgress({ ...queue, timedOut: true }, NOW + 1_000)).toEqual({ seconds: 15, max: 15, fraction: 1 });
    expect(openSeats(queue)).toBe(2);
  });

  it('makes the invite link of a code', () => {
    expect(inviteUrl('http://192.168.1.20:3000', 'AB12cd34')).toBe('http://192.168.1.20:3000/practice/match?invite=AB12cd34');
  });
});

describe('answer outbox', () => {
  afterEach(() => writePending('m1', null));
  const pending = { questionIndex: 1, clientAnswerId: 'a-1', response: { kind: 'choice' as const, options: [1] } };

  it('keeps the unacknowledged answer of one match and forgets it on request', () => {
    writePending('m1', pending);
    expect(readPending('m1')).toEqual(pending);
    expect(readPending('m2')).toBeNull();
    writePending('m1', null);
    expect(readPending('m1')).toBeNull();
  });

  it('resends a stored answer only while its question is open', () => {
    expect(pendingFor(view(), pending)).toEqual(pending);
    expect(pendingFor(view({ index: 2 }), pending)).toBeNull();
    expect(pendingFor(view({ phase: 'reveal' }), pending)).toBeNull();
    expect(pendingFor(view(), null)).toBeNull();
  });

  it('resends after a drop, retries a timeout and shows a refusal', () => {
    expect(matchAnswerAction({ code: 'INTERNAL', message: 'x' }, false)).toBe('resend');
    expect(matchAnswerAction(ackTimeoutError(), true)).toBe('retry');
    expect(matchAnswerAction({ code: 'ANSWER_TOO_LATE', message: 'x' }, true)).toBe('final');
  });

  it("trusts the server's answered flag only when nothing of ours is outstanding", () => {
    expect(shownStatus('idle', true)).toBe('received');
    expect(shownStatus('idle', false)).toBe('idle');
    expect(shownStatus('queued', true)).toBe('queued');
    expect(shownStatus('sending', true)).toBe('sending');
    expect(shownStatus('received', false)).toBe('received');
    expect(shownStatus('failed', false)).toBe('failed');
  });
});
