import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConnectionGateway } from './connection.gateway';
import { SocketEvents } from './socket-events';

/** Global: every feature gateway registers its socket events in the one SocketEvents. */
@Global()
@Module({ imports: [AuthModule], providers: [ConnectionGateway, SocketEvents], exports: [SocketEvents] })
export class RealtimeModule {}
