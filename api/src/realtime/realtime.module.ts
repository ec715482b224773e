import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConnectionGateway } from './connection.gateway';

@Module({ imports: [AuthModule], providers: [ConnectionGateway] })
export class RealtimeModule {}
