import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesService } from './branches.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { OrgController } from './org.controller';
import { BranchRecord, MemberRecord, MembershipRecord, OrganisationRecord } from './org.entities';
import { OrgService } from './org.service';
import { RosterController } from './roster.controller';
import { RosterImportService } from './roster-import.service';

/** The organisation → branches → members, as the admin manages them. */
@Module({
  imports: [TypeOrmModule.forFeature([OrganisationRecord, BranchRecord, MemberRecord, MembershipRecord])],
  // The roster controller first: its fixed paths must not be shadowed by members/:id.
  controllers: [RosterController, OrgController, MembersController],
  providers: [OrgService, BranchesService, MembersService, RosterImportService],
  exports: [OrgService, BranchesService],
})
export class OrgModule {}
