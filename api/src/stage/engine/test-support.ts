// Shared by the stage engine's specs: a programme, and commands applied with a fake clock.
import { reduce } from './engine';
import { createStageState, type RoundInput } from './setup';
import type { StageCommand, StageState, StageStep } from './types';

export const T0 = 1_000_000;

export const TEAMS = [
  { id: 'A', name: '第一党支部', branch: '机关一支部' },
  { id: 'B', name: '第二党支部', branch: '机关二支部' },
  { id: 'C', name: '第三党支部' },
];

export function stage(rounds: RoundInput[], teams = TEAMS): StageState {
  return createStageState({ id: 's1', teams, rounds, now: T0 });
}

/** Applies commands in order; throws on a refused one. */
export function run(state: StageState, now: number, ...cmds: StageCommand[]): StageStep[] {
  return cmds.map((cmd) => {
    const step = reduce(state, cmd, now);
    if (!step.reply.ok) throw new Error(`${cmd.type} refused: ${step.reply.code}`);
    return step;
  });
}

export function refusal(state: StageState, cmd: StageCommand, now: number): string | undefined {
  const reply = reduce(state, cmd, now).reply;
  return reply.ok ? undefined : reply.code;
}

export const right = (teamId: string, judgeId = 'judge1'): StageCommand => ({ type: 'mark', judgeId, teamId, right: true });
export const wrong = (teamId: string, judgeId = 'judge1'): StageCommand => ({ type: 'mark', judgeId, teamId, right: false });
export const buzz = (teamId: string): StageCommand => ({ type: 'buzz', teamId });
export const submit = (teamId: string, answer: string): StageCommand => ({ type: 'submit', teamId, answer });
export const NEXT: StageCommand = { type: 'next' };
