import { Session } from '../auth/session.entity';
import { User } from '../auth/user.entity';
import { QuestionRecord, QuestionSetRecord, QuestionVersionRecord } from '../bank/bank.entities';
import { QuestionReportRecord } from '../bank/question-report.entity';
import { ContestAnswerRecord, ContestPlayerRecord, ContestRecord } from '../contest/contest.entities';
import { BranchRecord, MemberRecord, MembershipRecord, OrganisationRecord } from '../org/org.entities';
import { MATCH_ENTITIES } from '../match/match.entities';
import { PRACTICE_ENTITIES } from '../practice/practice.entities';
import { ResultRecord } from '../ranking/result.entity';
import { STAGE_ENTITIES } from '../stage/stage.entities';

/** Every entity, registered once for both dialects. */
export const ENTITIES = [User, Session, QuestionRecord, QuestionVersionRecord, QuestionSetRecord, QuestionReportRecord, ContestRecord, ContestPlayerRecord, ContestAnswerRecord, OrganisationRecord, BranchRecord, MemberRecord, MembershipRecord, ResultRecord, ...PRACTICE_ENTITIES, ...STAGE_ENTITIES, ...MATCH_ENTITIES];
