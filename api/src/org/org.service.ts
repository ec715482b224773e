// The organisation's own settings: its name, the headline metric that ranks branches, its
// time zone and the daily cap on practice points. One row per install, created on first start so every reader finds it.
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DEFAULT_HEADLINE_METRIC, DEFAULT_PRACTICE_DAILY_CAP, type OrgDto, type OrgUpdateInput } from '@dangshi/protocol';
import { ORG_ID, OrganisationRecord } from './org.entities';

export const DEFAULT_ORG_NAME = '本单位党组织';
/** China Standard Time, UTC+8. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

export function toOrgDto(row: OrganisationRecord): OrgDto {
  return { name: row.name, headlineMetric: row.headlineMetric, utcOffsetMinutes: row.utcOffsetMinutes, practiceDailyCap: row.practiceDailyCap };
}

@Injectable()
export class OrgService implements OnApplicationBootstrap {
  constructor(@InjectRepository(OrganisationRecord) private readonly orgs: Repository<OrganisationRecord>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.get();
  }

  async get(): Promise<OrganisationRecord> {
    const row = await this.orgs.findOneBy({ id: ORG_ID });
    if (row) return row;
    const now = Date.now();
    // orIgnore: two nodes starting together both try; either insert is the same row.
    await this.orgs
      .createQueryBuilder()
      .insert()
      .values({
        id: ORG_ID,
        name: DEFAULT_ORG_NAME,
        headlineMetric: DEFAULT_HEADLINE_METRIC,
        utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES,
        practiceDailyCap: DEFAULT_PRACTICE_DAILY_CAP,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .execute();
    return this.orgs.findOneByOrFail({ id: ORG_ID });
  }

  async update(input: OrgUpdateInput): Promise<OrganisationRecord> {
    const row = await this.get();
    // A caller that leaves the cap out (it is optional) keeps the current one.
    const { practiceDailyCap = row.practiceDailyCap, ...rest } = input;
    Object.assign(row, rest, { practiceDailyCap, updatedAt: Date.now() });
    return this.orgs.save(row);
  }
}
