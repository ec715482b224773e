// What the match page shows, computed from the server's MatchView and the server-corrected
// clock. Pure (no runes, no socket), so every render is a function of the view and `now`, and
// the rules are unit-tested. The server owns the phase, the scores and the judgement; nothing
// here guesses ahead of it.
import type {
  AnswerResponse,
  MatchPlayerView,
  MatchView,
  PracticeKeyDto,
  PublicQuestion,
} from '@dangshi/protocol';
import { MATCH_QUESTION_MS } from '@dangshi/protocol';
import { correctParts, responseParts, type AnswerPart } from '../contest/player-format';
import type { Countdown } from '../contest/player-countdown';

export interface SeatModel {
  seat: number;
  name: string;
  /** One character for the round avatar (a surname, usually). */
  initial: string;
  /** The avatar's colour, fixed per seat so a player keeps it all match long. */
  colour: string;
  bot: boolean;
  me: boolean;
  score: number;
  correct: number;
  answered: boolean;
  connected: boolean;
  forfeited: boolean;
}

/** Dark enough for white text (≥ 4.5:1), and distinct from the option colours' red. */
const SEAT_COLOURS = ['#0060A0', '#8E3F79', '#00735A', '#5E5E00'];

export function seatColour(seat: number): string {
  return SEAT_COLOURS[((seat % SEAT_COLOURS.length) + SEAT_COLOURS.length) % SEAT_COLOURS.length]!;
}

export function initialOf(name: string): string {
  // Array.from splits by code point, so a rare character outside the BMP stays whole.
  return Array.from(name.trim())[0] ?? '?';
}

function seatModel(p: MatchPlayerView, me: number): SeatModel {
  return {
    seat: p.seat,
    name: p.name,
    initial: initialOf(p.name),
    colour: seatColour(p.seat),
    bot: p.bot,
    me: p.seat === me,
    score: p.score,
    correct: p.correct,
    answered: p.answered,
    connected: p.connected,
    forfeited: p.forfeited,
  };
}

/** Every player, this member first, the others in seat order (the 1 v 1 "me VS you" layout). */
export function seats(view: MatchView): SeatModel[] {
  const all = view.players.map((p) => seatModel(p, view.me));
  return [...all.filter((s) => s.me), ...all.filter((s) => !s.me).sort((a, b) => a.seat - b.seat)];
}

export function mySeat(view: MatchView): SeatModel | null {
  const p = view.players.find((x) => x.seat === view.me);
  return p ? seatModel(p, view.me) : null;
}

/**
 * The question in the shape the contest's phone components take, so the match uses the same
 * stem, buttons and answer chips as a live contest.
 */
export function publicQuestion(view: MatchView, timeLimitMs = MATCH_QUESTION_MS): PublicQuestion | null {
  const q = view.question;
  if (!q) return null;
  return {
    index: view.index,
    total: view.total,
    type: q.type,
    stem: q.stem,
    options: q.options,
    ...(q.media ? { media: q.media } : {}),
    timeLimitMs,
    points: 'standard',
  };
}

function wholeSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/**
 * The answer clock of the question phase, from the server's deadline and the corrected clock.
 * `totalMs` is the answer time the bar counts down from; a deadline further away than that (a
 * server with a longer setting) stretches it rather than overflowing the bar.
 */
export function questionCountdown(view: MatchView, serverNow: number, totalMs = MATCH_QUESTION_MS): Countdown | null {
  if (view.phase !== 'question' || view.deadline === null) return null;
  const left = Math.max(0, view.deadline - serverNow);
  const total = Math.max(totalMs, left);
  return { stage: left > 0 ? 'answering' : 'over', msLeft: left, totalMs: total, secondsLeft: wholeSeconds(left) };
}

/** The big 3-2-1 before the first question; 0 once the deadline passed ("开始！"). */
export function startCount(view: MatchView, serverNow: number): number | null {
  if (view.phase !== 'starting') return null;
  if (view.deadline === null) return 0;
  return wholeSeconds(view.deadline - serverNow);
}

export interface RevealRow extends SeatModel {
  /** null: no answer. */
  right: boolean | null;
  points: number;
  /** Seconds the answer took, one decimal; null without an answer. */
  seconds: number | null;
}

/** Right or wrong and the points of every player for the question just judged. */
export function revealRows(view: MatchView): RevealRow[] {
  const reveal = view.reveal;
  if (!reveal) return [];
  return seats(view).map((s) => {
    const a = reveal.answers.find((x) => x.seat === s.seat);
    const answered = a !== undefined && a.ms !== null;
    return {
      ...s,
      right: answered ? a.correct : null,
      points: a?.points ?? 0,
      seconds: answered && a.ms !== null ? Math.round(a.ms / 100) / 10 : null,
    };
  });
}

/** The key as the same colour/shape/letter chips as a live contest's reveal. */
export function keyParts(question: PublicQuestion, key: PracticeKeyDto): AnswerPart[] {
  if (key.type === 'truefalse' || key.type === 'fill') return correctParts(question, key);
  return responseParts(question, { kind: 'choice', options: key.options });
}

export function ownParts(question: PublicQuestion, response: AnswerResponse): AnswerPart[] {
  return responseParts(question, response);
}

export interface ResultRow {
  seat: number;
  name: string;
  initial: string;
  colour: string;
  me: boolean;
  bot: boolean;
  place: number;
  score: number;
  correct: number;
  forfeited: boolean;
}

export type Outcome = 'win' | 'draw' | 'lose';

/** recorded: all earned points went to the rankings; capped: the daily cap cut them (to `points`, maybe 0); none: nothing earned. */
export type RecordedKind = 'recorded' | 'capped' | 'none';

export interface ResultModel {
  rows: ResultRow[];
  mine: ResultRow | null;
  outcome: Outcome;
  recorded: { kind: RecordedKind; points: number };
}

export function resultModel(view: MatchView): ResultModel | null {
  const result = view.result;
  if (!result) return null;
  const bots = new Map(view.players.map((p) => [p.seat, p.bot]));
  const rows: ResultRow[] = [...result.places]
    .sort((a, b) => a.place - b.place || a.seat - b.seat)
    .map((p) => ({
      seat: p.seat,
      name: p.name,
      initial: initialOf(p.name),
      colour: seatColour(p.seat),
      me: p.seat === view.me,
      bot: bots.get(p.seat) ?? false,
      place: p.place,
      score: p.score,
      correct: p.correct,
      forfeited: p.forfeited,
    }));
  const mine = rows.find((r) => r.me) ?? null;
  const sharedFirst = rows.filter((r) => r.place === 1).length > 1;
  const outcome: Outcome = mine?.place === 1 ? (sharedFirst ? 'draw' : 'win') : 'lose';
  const points = result.pointsRecorded;
  const kind: RecordedKind = points < result.pointsEarned ? 'capped' : points > 0 ? 'recorded' : 'none';
  return { rows, mine, outcome, recorded: { kind, points } };
}
