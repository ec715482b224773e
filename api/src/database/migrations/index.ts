import { Init1764100000000 } from './1764100000000-init';
import { BankAndContests1764200000000 } from './1764200000000-bank-and-contests';
import { QuestionReports1764300000000 } from './1764300000000-question-reports';
import { ContestTeams1764400000000 } from './1764400000000-contest-teams';
import { OrgAndResults1764500000000 } from './1764500000000-org-and-results';
import { Practice1764600000000 } from './1764600000000-practice';
import { PracticeCap1764650000000 } from './1764650000000-practice-cap';
import { Stage1764700000000 } from './1764700000000-stage';
import { Matches1764800000000 } from './1764800000000-matches';

/** Every migration in order; the same list runs on SQLite and PostgreSQL. */
export const MIGRATIONS = [Init1764100000000, BankAndContests1764200000000, QuestionReports1764300000000, ContestTeams1764400000000, OrgAndResults1764500000000, Practice1764600000000, PracticeCap1764650000000, Stage1764700000000, Matches1764800000000];
