// Who may play: a logged-in user who is an active member of the organisation, under the name
// the organisation knows them by.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { MemberRecord } from '../org/org.entities';
import type { SocketUser } from '../realtime/socket-user';
import type { Waiter } from './matchmaking';

@Injectable()
export class MatchMembers {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async require(user: SocketUser | undefined): Promise<Waiter> {
    if (!user) throw new AppError('UNAUTHENTICATED');
    const member = await this.dataSource.getRepository(MemberRecord).findOneBy({ userId: user.id, active: true });
    if (!member) throw new AppError('MEMBERS_ONLY');
    return { userId: user.id, name: member.name };
  }
}
