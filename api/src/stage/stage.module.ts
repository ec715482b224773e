import { Module } from '@nestjs/common';

/** The on-stage knowledge contest (知识竞赛): set-up, rounds, buzzers, judges, scoreboard. */
@Module({})
export class StageModule {}
