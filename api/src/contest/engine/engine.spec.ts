import { contestSettingsSchema, type ContestSettingsInput } from '@dangshi/protocol';
import type { Question } from '@dangshi/question-bank';
import { describe, expect, it } from 'vitest';
import { LOCK_TO_REVEAL_MS, reduce } from './engine';
import { createContestState } from './setup';
import type { Command, ContestState, Step } from './types';
import { contestView, playerView } from './views';

const source = { kind: 'event' as const, ref: '1921年7月 中共一大' };
const base = { explanation: '解析。', source, category: '党史', tags: [], difficulty: 1 as const, status: 'reviewed' as const, timeLimit: 20 };

const QUESTIONS: Question[] = [
  { ...base, id: 'q-single', type: 'single', stem: '中共一大召开于哪一年？', options: ['1919年', '1921年', '1927年', '1949年'], answer: 'B' },
  { ...base, id: 'q-multi', type: 'multiple', stem: '哪些属于“四史”？', options: ['党史', '世界史', '新中国史', '改革开放史'], answer: ['A', 'C', 'D'] },
  { ...base, id: 'q-tf', type: 'truefalse', stem: '遵义会议召开于1935年。', answer: true },
  { ...base, id: 'q-fill', type: 'fill', stem: '中共一大最后一天在嘉兴____的游船上举行。', answer: ['南湖'] },
];

const T0 = 1_000_000;

function contest(settings: Partial<ContestSettingsInput> = {}, questions = QUESTIONS, random = () => 0.5): ContestState {
  return createContestState({
    id: 'c1',
    pin: '123456',
    hostId: 'host',
    settings: contestSettingsSchema.parse({ title: '测试', readingTimeSec: 0, ...settings }),
    questions: questions.map((question) => ({ question, version: 1 })),
    random,
    now: T0,
  });
}

/** Applies commands in order; throws on a refused one unless `allowRefusal`. */
function run(state: ContestState, now: number, ...cmds: Command[]): Step[] {
  return cmds.map((cmd) => {
    const step = reduce(state, cmd, now);
    if (!step.reply.ok) throw new Error(`${cmd.type} refused: ${step.reply.code}`);
    return step;
  });
}

const join = (playerId: string, nickname = playerId, userId: string | null = null): Command => ({ type: 'join', playerId, nickname, userId });
const choice = (playerId: string, questionIndex: number, options: number[], clientAnswerId = `${playerId}-${questionIndex}`): Command => ({
  type: 'answer',
  playerId,
  questionIndex,
  clientAnswerId,
  response: { kind: 'choice', options },
});

function refusal(state: ContestState, cmd: Command, now: number): string | undefined {
  const reply = reduce(state, cmd, now).reply;
  return reply.ok ? undefined : reply.code;
}

describe('phases', () => {
  it('walks lobby → question → locked → reveal → leaderboard → … → podium → ended', () => {
    const s = contest({}, QUESTIONS.slice(0, 2));
    run(s, T0, join('a'));
    const start = run(s, T0, { type: 'start' })[0];
    expect(s.phase).toBe('question');
    expect(start.effects).toContainEqual({ type: 'schedule', key: 'deadline', at: T0 + 20_000, command: { type: 'deadline', questionIndex: 0 } });
    const locked = run(s, T0 + 20_000, { type: 'deadline', questionIndex: 0 })[0];
    expect(s.phase).toBe('locked');
    expect(locked.effects).toContainEqual({
      type: 'schedule',
      key: 'reveal',
      at: T0 + 20_000 + LOCK_TO_REVEAL_MS,
      command: { type: 'reveal', questionIndex: 0 },
    });
    run(s, T0 + 21_500, { type: 'reveal', questionIndex: 0 });
    expect(s.phase).toBe('reveal');
    run(s, T0 + 25_000, { type: 'next' });
    expect(s.phase).toBe('leaderboard');
    run(s, T0 + 26_000, { type: 'next' });
    expect([s.phase, s.index]).toEqual(['question', 1]);
    run(s, T0 + 46_000, { type: 'deadline', questionIndex: 1 }, { type: 'reveal', questionIndex: 1 }, { type: 'next' }, { type: 'next' });
    expect(s.phase).toBe('podium');
    const ended = run(s, T0 + 50_000, { type: 'next' })[0];
    expect(s.phase).toBe('ended');
    expect(ended.effects).toContainEqual({ type: 'finished' });
  });

  it('ignores a stale deadline or reveal timer from an earlier question', () => {
    const s = contest();
    run(s, T0, join('a'), { type: 'start' }, { type: 'skip' });
    expect(s.phase).toBe('locked');
    run(s, T0 + 20_000, { type: 'deadline', questionIndex: 0 });
    expect(s.phase).toBe('locked');
    run(s, T0 + 1500, { type: 'reveal', questionIndex: 3 });
    expect(s.phase).toBe('locked');
  });

  it('refuses host actions in the wrong phase', () => {
    const s = contest();
    expect(refusal(s, { type: 'next' }, T0)).toBe('WRONG_PHASE');
    expect(refusal(s, { type: 'skip' }, T0)).toBe('WRONG_PHASE');
    expect(refusal(s, { type: 'resume' }, T0)).toBe('WRONG_PHASE');
    run(s, T0, { type: 'start' });
    expect(refusal(s, { type: 'start' }, T0)).toBe('WRONG_PHASE');
  });

  it('locks as soon as every connected player has answered', () => {
    const s = contest();
    run(s, T0, join('a'), join('b'), join('c'), { type: 'connection', playerId: 'c', connected: false }, { type: 'start' });
    run(s, T0 + 1000, choice('a', 0, [1]));
    expect(s.phase).toBe('question');
    const last = run(s, T0 + 2000, choice('b', 0, [0]))[0];
    expect(s.phase).toBe('locked');
    expect(last.effects).toContainEqual({ type: 'cancel', key: 'deadline' });
  });

  it('waits for every present player, not just for as many answers (after a failover)', () => {
    const s = contest();
    run(s, T0, join('a'), join('b'), join('c'), join('d'), { type: 'start' });
    run(s, T0 + 500, choice('a', 0, [1]));
    // The contest moved to another node: everyone counts as away until they act again.
    for (const id of ['a', 'b', 'c', 'd']) run(s, T0 + 600, { type: 'connection', playerId: id, connected: false });
    run(s, T0 + 700, { type: 'connection', playerId: 'b', connected: true });
    run(s, T0 + 800, choice('c', 0, [0]));
    // Two answers (a, c) and two present (b, c) — but b has not answered: keep going.
    expect(s.phase).toBe('question');
    run(s, T0 + 900, choice('b', 0, [1]));
    expect(s.phase).toBe('locked');
  });

  it('skips the leaderboard when the host hides it', () => {
    const s = contest({ hideLeaderboard: true });
    run(s, T0, join('a'), { type: 'start' }, { type: 'skip' }, { type: 'reveal', questionIndex: 0 }, { type: 'next' });
    expect([s.phase, s.index]).toEqual(['question', 1]);
    expect(playerView(s, s.players.a).rank).toBeNull();
  });
});

describe('answers', () => {
  function inQuestion(settings: Partial<ContestSettingsInput> = {}): ContestState {
    const s = contest(settings);
    run(s, T0, join('a'), join('b'), { type: 'start' });
    return s;
  }

  it('refuses answers before the reading time is over and after the deadline', () => {
    const s = contest({ readingTimeSec: 3 });
    run(s, T0, join('a'), join('b'), { type: 'start' });
    expect(s.answersOpenAt).toBe(T0 + 3000);
    expect(s.deadline).toBe(T0 + 23_000);
    expect(refusal(s, choice('a', 0, [1]), T0 + 2999)).toBe('ANSWER_NOT_OPEN');
    expect(refusal(s, choice('a', 0, [1]), T0 + 23_001)).toBe('ANSWER_TOO_LATE');
    expect(refusal(s, choice('a', 0, [1]), T0 + 23_000)).toBeUndefined();
  });

  it('refuses duplicates, other questions, unknown and kicked players and malformed responses — changing nothing', () => {
    const s = inQuestion();
    run(s, T0 + 1000, choice('a', 0, [1], 'first'));
    const before = JSON.stringify(s);
    expect(refusal(s, choice('a', 0, [2], 'second'), T0 + 2000)).toBe('ANSWER_DUPLICATE');
    expect(refusal(s, choice('b', 1, [0]), T0 + 2000)).toBe('ANSWER_WRONG_QUESTION');
    expect(refusal(s, choice('nobody', 0, [0]), T0 + 2000)).toBe('PLAYER_NOT_FOUND');
    expect(refusal(s, choice('b', 0, [7]), T0 + 2000)).toBe('ANSWER_INVALID');
    expect(refusal(s, choice('b', 0, [0, 1]), T0 + 2000)).toBe('ANSWER_INVALID');
    expect(refusal(s, { type: 'answer', playerId: 'b', questionIndex: 0, clientAnswerId: 'x', response: { kind: 'truefalse', value: true } }, T0 + 2000)).toBe(
      'ANSWER_INVALID',
    );
    expect(JSON.stringify(s)).toBe(before);
    run(s, T0 + 2000, { type: 'kick', playerId: 'b' });
    expect(refusal(s, choice('b', 0, [1]), T0 + 2500)).toBe('PLAYER_KICKED');
  });

  it('acknowledges a retry with the same client id again without counting it twice', () => {
    const s = inQuestion();
    const first = run(s, T0 + 1000, choice('a', 0, [1], 'same'))[0];
    const retry = reduce(s, choice('a', 0, [1], 'same'), T0 + 1500);
    expect(retry.reply).toEqual({ ok: true, data: { duplicate: true, answer: (first.reply as { data: unknown }).data } });
    expect(retry.effects).toEqual([]);
    expect(s.answeredCount).toBe(1);
  });

  it('refuses an answer to an earlier question as too late', () => {
    const s = inQuestion();
    run(s, T0 + 20_000, { type: 'deadline', questionIndex: 0 }, { type: 'reveal', questionIndex: 0 }, { type: 'next' }, { type: 'next' });
    expect(refusal(s, choice('a', 0, [1]), T0 + 21_000)).toBe('ANSWER_TOO_LATE');
  });

  it('refuses answers while paused', () => {
    const s = inQuestion();
    run(s, T0 + 5000, { type: 'pause' });
    expect(refusal(s, choice('a', 0, [1]), T0 + 6000)).toBe('WRONG_PHASE');
  });
});

describe('scores over a whole contest', () => {
  it('adds speed points and streaks exactly as computed by hand', () => {
    const s = contest();
    run(s, T0, join('ann'), join('bob'), { type: 'start' });
    // Q1 single (20 s): ann right at 5 s → 1000×(1−5/20/2) = 875; bob wrong.
    run(s, T0 + 5000, choice('ann', 0, [1]), choice('bob', 0, [0]));
    run(s, T0 + 6000, { type: 'reveal', questionIndex: 0 });
    expect([s.players.ann.score, s.players.bob.score]).toEqual([875, 0]);
    run(s, T0 + 7000, { type: 'next' }, { type: 'next' });
    // Q2 multiple opens at T0+7000: ann right at 10 s → 750 + streak 2 → +100 = 850; bob picks A,C only → wrong (all-or-nothing).
    const q2 = T0 + 7000;
    run(s, q2 + 10_000, choice('ann', 1, [0, 2, 3]), choice('bob', 1, [0, 2]));
    run(s, q2 + 11_000, { type: 'reveal', questionIndex: 1 }, { type: 'next' }, { type: 'next' });
    expect([s.players.ann.score, s.players.bob.score]).toEqual([1725, 0]);
    // Q3 true/false opens at q2+11000: bob right instantly → 1000; ann does not answer → streak resets.
    const q3 = q2 + 11_000;
    run(s, q3, { type: 'answer', playerId: 'bob', questionIndex: 2, clientAnswerId: 'b3', response: { kind: 'truefalse', value: true } });
    run(s, q3 + 20_000, { type: 'deadline', questionIndex: 2 }, { type: 'reveal', questionIndex: 2 });
    expect([s.players.ann.score, s.players.bob.score]).toEqual([1725, 1000]);
    expect([s.players.ann.streak, s.players.bob.streak]).toEqual([0, 1]);
    run(s, q3 + 21_000, { type: 'next' }, { type: 'next' });
    // Q4 fill: ann types "南 湖。" at 0 s → accepted → 1000 (streak 1, no bonus).
    const q4 = q3 + 21_000;
    run(s, q4, { type: 'answer', playerId: 'ann', questionIndex: 3, clientAnswerId: 'a4', response: { kind: 'fill', text: '南 湖。' } });
    run(s, q4, { type: 'answer', playerId: 'bob', questionIndex: 3, clientAnswerId: 'b4', response: { kind: 'fill', text: '西湖' } });
    run(s, q4 + 1000, { type: 'reveal', questionIndex: 3 });
    expect([s.players.ann.score, s.players.bob.score]).toEqual([2725, 1000]);
    expect(s.leaderboard.map((e) => [e.nickname, e.rank, e.score])).toEqual([
      ['ann', 1, 2725],
      ['bob', 2, 1000],
    ]);
    expect(s.players.ann.correctCount).toBe(3);
  });

  it('gives partial credit and negative marks when the contest asks for them', () => {
    const s = contest({ scoring: 'accuracy', partialCredit: true, negativePoints: 25 });
    run(s, T0, join('a'), join('b'), join('c'), { type: 'start' }, { type: 'skip' }, { type: 'reveal', questionIndex: 0 }, { type: 'next' }, { type: 'next' });
    // multiple with key A,C,D: a picks A,C (2/3 → 67); b picks A,B,C ((2−1)/3 → 33); c picks B only (0 → −25).
    run(s, s.answersOpenAt!, choice('a', 1, [0, 2]), choice('b', 1, [0, 1, 2]), choice('c', 1, [1]));
    run(s, s.answersOpenAt! + 1, { type: 'reveal', questionIndex: 1 });
    expect([s.players.a.score, s.players.b.score, s.players.c.score]).toEqual([67, 33, -25]);
  });

  it('breaks equal scores by total answer time, and shares a rank only when both are equal', () => {
    const s = contest({ scoring: 'accuracy' });
    run(s, T0, join('slow'), join('fast'), join('twin'), join('none'), { type: 'start' });
    run(s, T0 + 8000, choice('slow', 0, [1]));
    run(s, T0 + 2000, choice('fast', 0, [1]));
    run(s, T0 + 8000, choice('twin', 0, [1]));
    run(s, T0 + 20_000, { type: 'deadline', questionIndex: 0 }, { type: 'reveal', questionIndex: 0 });
    expect(s.leaderboard.map((e) => `${e.rank}:${e.nickname}:${e.score}`)).toEqual(['1:fast:100', '2:slow:100', '2:twin:100', '4:none:0']);
  });

  it('records rank changes for the animated leaderboard', () => {
    const s = contest({ scoring: 'accuracy' });
    run(s, T0, join('a'), join('b'), { type: 'start' });
    run(s, T0 + 1000, choice('a', 0, [1]), choice('b', 0, [0]));
    run(s, T0 + 2000, { type: 'reveal', questionIndex: 0 }, { type: 'next' }, { type: 'next' });
    // b catches up on points but took longer in total, so a still leads.
    run(s, s.answersOpenAt! + 1000, choice('a', 1, [0]));
    run(s, s.answersOpenAt! + 1500, choice('b', 1, [0, 2, 3]));
    run(s, s.answersOpenAt! + 2000, { type: 'reveal', questionIndex: 1 });
    expect(s.leaderboard.map((e) => [e.nickname, e.rank, e.previousRank])).toEqual([
      ['a', 1, 1],
      ['b', 2, 2],
    ]);
    run(s, s.answersOpenAt! + 2000, { type: 'next' }, { type: 'next' });
    run(s, s.answersOpenAt! + 1000, { type: 'answer', playerId: 'b', questionIndex: 2, clientAnswerId: 'x', response: { kind: 'truefalse', value: true } });
    run(s, s.answersOpenAt! + 20_000, { type: 'deadline', questionIndex: 2 }, { type: 'reveal', questionIndex: 2 });
    expect(s.leaderboard.map((e) => [e.nickname, e.rank, e.previousRank])).toEqual([
      ['b', 1, 2],
      ['a', 2, 1],
    ]);
  });
});

describe('pause and resume', () => {
  it('stops the clock and keeps the remaining answer time and measured elapsed time', () => {
    const s = contest({ readingTimeSec: 3 });
    run(s, T0, join('a'), join('b'), { type: 'start' });
    // Paused 8 s into the question (5 s into answering): 15 s of 20 left.
    const paused = run(s, T0 + 8000, { type: 'pause' })[0];
    expect(paused.effects).toContainEqual({ type: 'cancel', key: 'deadline' });
    expect(contestView(s, 'player', T0 + 8000).remainingMs).toBe(15_000);
    const resumed = run(s, T0 + 60_000, { type: 'resume' })[0];
    expect(s.deadline).toBe(T0 + 75_000);
    expect(resumed.effects).toContainEqual({ type: 'schedule', key: 'deadline', at: T0 + 75_000, command: { type: 'deadline', questionIndex: 0 } });
    // Answer 5 s after resuming: 10 s of answer time used in all → 1000×(1−10/20/2) = 750.
    run(s, T0 + 65_000, choice('a', 0, [1]));
    expect(s.players.a.answers[0]).toMatchObject({ elapsedMs: 10_000, points: 750 });
  });

  it('keeps unused reading time when paused before answers open', () => {
    const s = contest({ readingTimeSec: 3 });
    run(s, T0, join('a'), { type: 'start' }, { type: 'pause' });
    run(s, T0 + 1000, { type: 'resume' });
    expect([s.answersOpenAt, s.deadline]).toEqual([T0 + 4000, T0 + 24_000]);
  });
});

describe('joining', () => {
  it('trims nicknames, keeps them 1–20 characters and unique regardless of case', () => {
    const s = contest();
    run(s, T0, join('p1', '  红 星  '));
    expect(s.players.p1.nickname).toBe('红 星');
    expect(refusal(s, join('p2', '红 星'), T0)).toBe('NICKNAME_TAKEN');
    run(s, T0, join('p3', 'Alice'));
    expect(refusal(s, join('p4', 'alice'), T0)).toBe('NICKNAME_TAKEN');
    expect(refusal(s, join('p5', '   '), T0)).toBe('NICKNAME_INVALID');
    expect(refusal(s, join('p6', '一二三四五六七八九十一二三四五六七八九十一'), T0)).toBe('NICKNAME_INVALID');
    run(s, T0, join('p7', '一二三四五六七八九十一二三四五六七八九十'));
  });

  it('respects the lobby lock, the late-join limit and members-only contests', () => {
    const s = contest({ lateJoinUntil: 0 });
    run(s, T0, { type: 'lockLobby' });
    expect(refusal(s, join('a'), T0)).toBe('LOBBY_LOCKED');
    run(s, T0, { type: 'unlockLobby' }, join('a'), { type: 'start' });
    run(s, T0 + 1000, join('late'));
    // A late joiner is charged the time of questions already asked (none yet at question 0).
    expect(s.players.late.totalTimeMs).toBe(0);
    run(s, T0 + 2000, { type: 'skip' }, { type: 'reveal', questionIndex: 0 }, { type: 'next' }, { type: 'next' });
    expect(refusal(s, join('later'), T0 + 5000)).toBe('LOBBY_CLOSED');

    const members = contest({ joinMode: 'members' });
    expect(refusal(members, join('anon'), T0)).toBe('MEMBERS_ONLY');
    run(members, T0, join('m1', '张三', 'user-1'));
    expect(refusal(members, join('m1-again', '张三二号', 'user-1'), T0)).toBe('NICKNAME_TAKEN');
  });
});

describe('what players see', () => {
  it('never carries the answer key before the reveal', () => {
    const s = contest({ readingTimeSec: 3 });
    run(s, T0, join('a'), { type: 'start' });
    const views = [contestView(s, 'player', T0), playerView(s, s.players.a)];
    run(s, T0 + 4000, choice('a', 0, [1]));
    views.push(contestView(s, 'player', T0 + 4000), playerView(s, s.players.a));
    for (const v of views) {
      const json = JSON.stringify(v);
      expect(json).not.toContain('"correct"');
      expect(json).not.toContain('"key"');
      expect(json).not.toContain('explanation');
    }
    run(s, T0 + 5000, { type: 'reveal', questionIndex: 0 });
    expect(contestView(s, 'player', T0 + 5000).reveal).toMatchObject({ correct: { type: 'single', options: [1] }, distribution: [0, 1, 0, 0], answered: 1, correctCount: 1 });
  });

  it('keeps the key on the projector only when answers are not shown on phones', () => {
    const s = contest({ showAnswersOnPhones: false });
    run(s, T0, join('a'), { type: 'start' }, choice('a', 0, [0]));
    run(s, T0 + 2000, { type: 'reveal', questionIndex: 0 });
    expect(contestView(s, 'player', T0).reveal?.correct).toBeUndefined();
    expect(contestView(s, 'screen', T0).reveal?.correct).toEqual({ type: 'single', options: [1] });
    expect(playerView(s, s.players.a).lastResult).toMatchObject({ answered: true, correct: false, points: 0 });
  });

  it('remaps the key when options are shuffled', () => {
    // random() = 0 always: Fisher–Yates turns [0,1,2,3] into [1,2,3,0].
    const s = contest({ shuffleOptions: true }, QUESTIONS, () => 0);
    expect(s.questions[0].options).toEqual(['1921年', '1927年', '1949年', '1919年']);
    expect(s.questions[0].key).toEqual({ type: 'single', options: [0] });
    expect(s.questions[1].options).toEqual(['世界史', '新中国史', '改革开放史', '党史']);
    expect(s.questions[1].key).toEqual({ type: 'multiple', options: [1, 2, 3] });
  });

  it('doubles time limits in relaxed timing and applies per-question overrides', () => {
    const s = contest({ relaxedTiming: true, overrides: { '1': { timeLimitSec: 30, points: 'double' } } });
    expect(s.questions.map((q) => [q.limitMs, q.points])).toEqual([
      [40_000, 'standard'],
      [60_000, 'double'],
      [40_000, 'standard'],
      [40_000, 'standard'],
    ]);
  });
});

describe('ending early', () => {
  it('goes to the podium with the scores so far and does not score the cut question', () => {
    const s = contest({ scoring: 'accuracy' });
    run(s, T0, join('a'), join('b'), { type: 'start' });
    run(s, T0 + 1000, choice('a', 0, [1]), choice('b', 0, [0]));
    run(s, T0 + 2000, { type: 'reveal', questionIndex: 0 }, { type: 'next' }, { type: 'next' });
    run(s, s.answersOpenAt! + 1000, choice('b', 1, [0, 2, 3]));
    const ended = run(s, s.answersOpenAt! + 2000, { type: 'end' })[0];
    expect(s.phase).toBe('podium');
    expect(ended.effects).toContainEqual({ type: 'cancel', key: 'deadline' });
    expect([s.players.a.score, s.players.b.score]).toEqual([100, 0]);
    expect(playerView(s, s.players.b).summary).toHaveLength(1);
    run(s, T0 + 99_000, { type: 'end' });
    expect(s.phase).toBe('ended');
  });
});

describe('team mode', () => {
  it('requires a valid team and ranks teams by average score per player, empty teams last', () => {
    const s = contest({ scoring: 'accuracy', teams: ['局机关支部', '军休支部', '离退休支部'] });
    expect(refusal(s, join('x'), T0)).toBe('TEAM_REQUIRED');
    expect(refusal(s, { type: 'join', playerId: 'x', nickname: 'x', userId: null, team: 3 }, T0)).toBe('TEAM_REQUIRED');
    const joinTeam = (id: string, team: number): Command => ({ type: 'join', playerId: id, nickname: id, userId: null, team });
    run(s, T0, joinTeam('a1', 0), joinTeam('a2', 0), joinTeam('a3', 0), joinTeam('b1', 1), { type: 'start' });
    // Team 0: two right of three (200 total, 66.7 average); team 1: its one player right (100, 100).
    run(s, T0 + 1000, choice('a1', 0, [1]), choice('a2', 0, [1]), choice('a3', 0, [0]), choice('b1', 0, [1]));
    run(s, T0 + 2000, { type: 'reveal', questionIndex: 0 });
    expect(s.teamStandings).toEqual([
      { rank: 1, team: 1, name: '军休支部', players: 1, total: 100, average: 100 },
      { rank: 2, team: 0, name: '局机关支部', players: 3, total: 200, average: 66.7 },
      { rank: 3, team: 2, name: '离退休支部', players: 0, total: 0, average: 0 },
    ]);
    expect(playerView(s, s.players.b1).team).toBe('军休支部');
    expect(contestView(s, 'screen', T0).teamStandings).toHaveLength(3);
    expect(contestView(s, 'player', T0).teams).toEqual(['局机关支部', '军休支部', '离退休支部']);
  });
});
