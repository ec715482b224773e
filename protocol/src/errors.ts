// Every error the platform can report, defined once. The api maps each code to an HTTP status
// and to a socket ack (api/src/common/error-mapping.ts); the client shows the message in the
// user's language from its catalogue, keyed by the same code.

export const ERROR_CODES = [
  // general
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'INTERNAL',
  'RATE_LIMITED',
  'CSRF_FAILED',
  // auth
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'USERNAME_TAKEN',
  // bank
  'QUESTION_NOT_FOUND',
  'IMPORT_FAILED',
  // live contest
  'CONTEST_NOT_FOUND',
  'NOT_HOST',
  'LOBBY_LOCKED',
  'NICKNAME_TAKEN',
  'NICKNAME_INVALID',
  'PLAYER_NOT_FOUND',
  'PLAYER_KICKED',
  'WRONG_PHASE',
  'ANSWER_TOO_LATE',
  'ANSWER_DUPLICATE',
  'ANSWER_WRONG_QUESTION',
  'ANSWER_INVALID',
  'ANSWER_NOT_OPEN',
  'LOBBY_CLOSED',
  'TEAM_REQUIRED',
  'MEMBERS_ONLY',
  // organisation
  'BRANCH_NOT_FOUND',
  'BRANCH_NAME_TAKEN',
  'BRANCH_IN_USE',
  'BRANCH_INACTIVE',
  'MEMBER_NOT_FOUND',
  'MEMBER_EXISTS',
  'MEMBER_INACTIVE',
  // on-stage contest
  'STAGE_NOT_FOUND',
  'STAGE_TEAM_TOKEN',
  'STAGE_WRONG_PHASE',
  'STAGE_TEAM_NOT_FOUND',
  'STAGE_NOT_YOUR_TURN',
  'STAGE_ALREADY_WRONG',
  'STAGE_ALREADY_BUZZED',
  'STAGE_FALSE_START_LOCKED',
  'STAGE_BUZZ_CLOSED',
  'STAGE_RISK_VALUE',
  'STAGE_TOO_LATE',
  'STAGE_ALREADY_ANSWERED',
  'STAGE_NO_ANSWER',
  'STAGE_ALREADY_JUDGED',
  'STAGE_UNJUDGED',
  'STAGE_REASON_REQUIRED',
  'STAGE_BAD_DELTA',
  'STAGE_NOTHING_TO_UNDO',
  'STAGE_NOT_ENOUGH_QUESTIONS',
  // practice matches
  'MATCH_NOT_FOUND',
  'MATCH_ALREADY_WAITING',
  'MATCH_NOT_WAITING',
  'MATCH_INVITE_INVALID',
  'MATCH_FULL',
  'MATCH_NOT_PLAYER',
  'MATCH_OVER',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The body of every failed HTTP response and every failed socket ack. */
export interface ErrorBody {
  code: ErrorCode;
  /** A sentence for people (zh-CN unless the request asked for English). */
  message: string;
  /** Field-level details of a validation failure: path → message. */
  issues?: { path: string; message: string }[];
}

/** Human messages for each code, in both locales; the server and the client both use them. */
export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION_FAILED: { zh: '提交的内容不符合要求', en: 'The input is not valid' },
  NOT_FOUND: { zh: '找不到请求的内容', en: 'Not found' },
  INTERNAL: { zh: '服务器出错了，请稍后再试', en: 'Something went wrong on the server' },
  RATE_LIMITED: { zh: '操作太频繁，请稍后再试', en: 'Too many attempts, try again later' },
  CSRF_FAILED: { zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in' },
  FORBIDDEN: { zh: '没有权限进行此操作', en: 'You are not allowed to do this' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    zh: '密码错误次数过多，账号已暂时锁定，请15分钟后再试',
    en: 'Too many wrong passwords; the account is locked for 15 minutes',
  },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { zh: '首次登录请先修改密码', en: 'Please change your password first' },
  USERNAME_TAKEN: { zh: '用户名已被使用', en: 'This username is taken' },
  QUESTION_NOT_FOUND: { zh: '题目不存在', en: 'Question not found' },
  IMPORT_FAILED: { zh: '导入失败', en: 'Import failed' },
  CONTEST_NOT_FOUND: { zh: '竞赛不存在或已结束', en: 'Contest not found or already over' },
  NOT_HOST: { zh: '只有主持人可以进行此操作', en: 'Only the host can do this' },
  LOBBY_LOCKED: { zh: '主持人已锁定，暂不能加入', en: 'The host has locked the lobby' },
  NICKNAME_TAKEN: { zh: '昵称已被使用，请换一个', en: 'This nickname is taken' },
  NICKNAME_INVALID: { zh: '昵称需为1到20个字符', en: 'A nickname has 1 to 20 characters' },
  PLAYER_NOT_FOUND: { zh: '找不到你的参赛信息，请重新加入', en: 'Player not found; join again' },
  PLAYER_KICKED: { zh: '你已被主持人移出本场竞赛', en: 'The host removed you from this contest' },
  WRONG_PHASE: { zh: '现在不能进行此操作', en: 'Not possible at this stage of the contest' },
  ANSWER_TOO_LATE: { zh: '答题时间已到', en: 'Time is up' },
  ANSWER_DUPLICATE: { zh: '本题已作答', en: 'You already answered this question' },
  ANSWER_WRONG_QUESTION: { zh: '这不是当前题目', en: 'That is not the current question' },
  ANSWER_INVALID: { zh: '答案格式不正确', en: 'The answer is not valid' },
  ANSWER_NOT_OPEN: { zh: '请先读题，稍后开始作答', en: 'Answers are not open yet' },
  LOBBY_CLOSED: { zh: '竞赛已经开始，不能再加入', en: 'The contest has started; joining is closed' },
  TEAM_REQUIRED: { zh: '请选择所在的代表队（支部）', en: 'Choose your team (branch)' },
  MEMBERS_ONLY: { zh: '本场竞赛仅限登录党员参加', en: 'Only logged-in members can join' },
  BRANCH_NOT_FOUND: { zh: '支部不存在', en: 'Branch not found' },
  BRANCH_NAME_TAKEN: { zh: '已有同名支部', en: 'A branch with this name already exists' },
  BRANCH_IN_USE: {
    zh: '该支部已有党员或积分记录，不能删除；可以将其停用',
    en: 'This branch has members or results and cannot be deleted; deactivate it instead',
  },
  BRANCH_INACTIVE: { zh: '该支部已停用', en: 'This branch is deactivated' },
  MEMBER_NOT_FOUND: { zh: '党员不存在', en: 'Member not found' },
  MEMBER_EXISTS: { zh: '该手机号或工号已登记为党员或已被账号使用', en: 'This phone or staff number is already a member or an account' },
  MEMBER_INACTIVE: { zh: '该党员已停用', en: 'This member is deactivated' },
  STAGE_NOT_FOUND: { zh: '竞赛不存在', en: 'Stage contest not found' },
  STAGE_TEAM_TOKEN: { zh: '代表队链接无效，请向主持人重新获取', en: 'This team link is not valid; ask the host for a new one' },
  STAGE_WRONG_PHASE: { zh: '现在不能进行此操作', en: 'Not possible at this point of the contest' },
  STAGE_TEAM_NOT_FOUND: { zh: '代表队不存在', en: 'Team not found' },
  STAGE_NOT_YOUR_TURN: { zh: '还没有轮到本队', en: 'It is not your team\'s turn' },
  STAGE_ALREADY_WRONG: { zh: '本队已答错此题，不能再抢答', en: 'Your team already answered this question wrong' },
  STAGE_ALREADY_BUZZED: { zh: '本队已经抢答过了', en: 'Your team has already buzzed' },
  STAGE_FALSE_START_LOCKED: { zh: '抢答犯规，本题不能再抢答', en: 'False start: your team is out of this question' },
  STAGE_BUZZ_CLOSED: { zh: '已有代表队抢到答题权', en: 'Another team already has the floor' },
  STAGE_RISK_VALUE: { zh: '请选择规定的风险分值', en: 'Pick one of the allowed stakes' },
  STAGE_TOO_LATE: { zh: '答题时间已到', en: 'Time is up' },
  STAGE_ALREADY_ANSWERED: { zh: '本队已提交答案', en: 'Your team has already answered' },
  STAGE_NO_ANSWER: { zh: '该代表队还没有答题', en: 'This team has not answered' },
  STAGE_ALREADY_JUDGED: { zh: '该答案已评判', en: 'This answer is already judged' },
  STAGE_UNJUDGED: { zh: '还有答案没有评判，请评委先评判', en: 'An answer is still waiting for the judges' },
  STAGE_REASON_REQUIRED: { zh: '调整分数必须填写理由', en: 'A score adjustment needs a reason' },
  STAGE_BAD_DELTA: { zh: '调整分值不正确', en: 'The adjustment is not valid' },
  STAGE_NOTHING_TO_UNDO: { zh: '没有可以撤销的操作', en: 'Nothing to undo' },
  STAGE_NOT_ENOUGH_QUESTIONS: { zh: '题库中符合条件的题目不够，请减少题数或放宽范围', en: 'Not enough questions in the bank for this programme' },
  MATCH_NOT_FOUND: { zh: '对战不存在或已结束', en: 'Match not found or over' },
  MATCH_ALREADY_WAITING: { zh: '你已经在等待对手了', en: 'You are already waiting for a match' },
  MATCH_NOT_WAITING: { zh: '你没有在等待对战', en: 'You are not waiting for a match' },
  MATCH_INVITE_INVALID: { zh: '邀请链接无效或已过期', en: 'This invitation is not valid or has expired' },
  MATCH_FULL: { zh: '对战人数已满', en: 'This match is full' },
  MATCH_NOT_PLAYER: { zh: '你不在这场对战中', en: 'You are not in this match' },
  MATCH_OVER: { zh: '对战已结束', en: 'The match is over' },
};
