// The one message catalogue. Every user-visible text comes from here; `zh` is the source of
// truth and `en` is typed against its keys, so a missing or extra English key fails the build.
// API error texts are seeded from the protocol's ERROR_MESSAGES (one definition for server and
// client) and exposed under `error.<ErrorCode>` keys.
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from '@dangshi/protocol';
import * as bank from './sections/bank';
import * as host from './sections/host';
import * as org from './sections/org';
import * as play from './sections/play';
import * as match from './sections/match';
import * as practice from './sections/practice';
import * as stage from './sections/stage';

type ErrorKey = `error.${ErrorCode}`;

function errorMessages(lang: 'zh' | 'en'): Record<ErrorKey, string> {
  const out = {} as Record<ErrorKey, string>;
  for (const code of ERROR_CODES) out[`error.${code}`] = ERROR_MESSAGES[code][lang];
  return out;
}

const zhCore = {
  'app.name': '党史知识竞赛',
  'app.tagline': '以赛促学，学史明理',

  'locale.switch': 'English',
  'locale.switchLabel': '切换语言',

  'nav.home': '首页',
  'nav.login': '登录',
  'nav.logout': '退出',
  'nav.account': '我的账号',
  'nav.main': '主菜单',

  'common.loading': '正在加载…',
  'common.backHome': '返回首页',
  'common.networkError': '网络连接失败，请检查网络后重试',
  'common.timeout': '服务器响应超时，请稍后再试',
  'common.dismiss': '关闭',

  'home.join.title': '加入竞赛',
  'home.join.label': '请输入大屏幕上的 6 位房间码',
  'home.join.placeholder': '6位数字',
  'home.join.submit': '加入',
  'home.join.empty': '请输入 6 位房间码',
  'home.join.invalid': '房间码应为 6 位数字，请核对大屏幕',
  'home.menu.title': '学习与管理',
  'home.card.rank': '排行榜',
  'home.card.practice': '日常学习',
  'home.card.practiceDesc': '每日答题、专项练习、挑战与错题本',
  'home.card.rankDesc': '查看积分排名',
  'home.card.host': '主持竞赛',
  'home.card.hostDesc': '创建竞赛并在大屏幕上主持',
  'home.card.bank': '题库管理',
  'home.card.bankDesc': '维护、导入竞赛题目',
  'home.card.report': '学习报告',
  'home.card.reportDesc': '各支部参与率、正确率与年度统计',
  'home.card.org': '组织管理',
  'home.card.orgDesc': '支部、党员名册与导入',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.alreadyIn': '你已登录为 {name}',

  'account.title': '我的账号',
  'account.username': '用户名',
  'account.displayName': '姓名',
  'account.role': '角色',
  'account.mustChange': '为了账号安全，首次登录请先修改密码。',
  'account.changeTitle': '修改密码',
  'account.currentPassword': '当前密码',
  'account.newPassword': '新密码',
  'account.newPasswordHint': '至少 {min} 个字符',
  'account.confirmPassword': '再次输入新密码',
  'account.submit': '修改密码',
  'account.submitting': '正在保存…',
  'account.success': '密码已修改',
  'account.currentRequired': '请输入当前密码',
  'account.tooShort': '新密码至少需要 {min} 个字符',
  'account.tooLong': '新密码不能超过 {max} 个字符',
  'account.sameAsCurrent': '新密码不能与当前密码相同',
  'account.mismatch': '两次输入的新密码不一致',
  'account.logout': '退出登录',

  'role.admin': '管理员',
  'role.host': '主持人',
  'role.member': '党员',

  'join.title': '加入竞赛',
  'join.pin': '房间码 {pin}',
  'join.opensHere': '现场竞赛将在此页面开始，请留意大屏幕上的主持人提示。',
  'join.invalidPin': '房间码应为 6 位数字，请返回首页重新输入。',

  'connection.connected': '已连接',
  'connection.reconnecting': '正在重新连接…',
  'connection.offline': '未连接',

  'errorPage.title': '出错了',
  'errorPage.notFound': '页面不存在',
} as const;

// Each area keeps its texts in its own section file (sections/*.ts), merged here.
const zhUi = { ...zhCore, ...play.zh, ...host.zh, ...bank.zh, ...org.zh, ...practice.zh, ...stage.zh, ...match.zh };

type UiKey = keyof typeof zhUi;
export type MessageKey = UiKey | ErrorKey;
export type Catalogue = Record<MessageKey, string>;

export const zh: Catalogue = { ...zhUi, ...errorMessages('zh') };

const enCore: Record<keyof typeof zhCore, string> = {
  'app.name': 'Party History Quiz',
  'app.tagline': 'Learn through contests',

  'locale.switch': '中文',
  'locale.switchLabel': 'Switch language',

  'nav.home': 'Home',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.account': 'My account',
  'nav.main': 'Main menu',

  'common.loading': 'Loading…',
  'common.backHome': 'Back to home',
  'common.networkError': 'Network error; check your connection and try again',
  'common.timeout': 'The server did not answer in time; try again later',
  'common.dismiss': 'Dismiss',

  'home.join.title': 'Join a contest',
  'home.join.label': 'Enter the 6-digit PIN shown on the big screen',
  'home.join.placeholder': '6 digits',
  'home.join.submit': 'Join',
  'home.join.empty': 'Please enter the 6-digit PIN',
  'home.join.invalid': 'The PIN has exactly 6 digits; check the big screen',
  'home.menu.title': 'Learn and manage',
  'home.card.rank': 'Rankings',
  'home.card.rankDesc': 'See the score rankings',
  'home.card.host': 'Host a contest',
  'home.card.hostDesc': 'Create a contest and run it on the big screen',
  'home.card.bank': 'Question bank',
  'home.card.bankDesc': 'Edit and import contest questions',
  'home.card.report': 'Study report',
  'home.card.reportDesc': 'Participation and accuracy by branch, yearly figures',
  'home.card.org': 'Organisation',
  'home.card.practice': 'Daily study',
  'home.card.practiceDesc': 'Daily quiz, topic practice, challenge and wrong-answer book',
  'home.card.orgDesc': 'Branches, member roster and imports',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.alreadyIn': 'You are logged in as {name}',

  'account.title': 'My account',
  'account.username': 'Username',
  'account.displayName': 'Name',
  'account.role': 'Role',
  'account.mustChange': 'For your security, please change your password before continuing.',
  'account.changeTitle': 'Change password',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.newPasswordHint': 'At least {min} characters',
  'account.confirmPassword': 'New password again',
  'account.submit': 'Change password',
  'account.submitting': 'Saving…',
  'account.success': 'Your password has been changed',
  'account.currentRequired': 'Please enter your current password',
  'account.tooShort': 'The new password needs at least {min} characters',
  'account.tooLong': 'The new password can have at most {max} characters',
  'account.sameAsCurrent': 'The new password must differ from the current one',
  'account.mismatch': 'The two new passwords do not match',
  'account.logout': 'Log out',

  'role.admin': 'Administrator',
  'role.host': 'Host',
  'role.member': 'Member',

  'join.title': 'Join a contest',
  'join.pin': 'PIN {pin}',
  'join.opensHere': 'The live contest opens on this page; follow the host on the big screen.',
  'join.invalidPin': 'A PIN has exactly 6 digits; go back and enter it again.',

  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Offline',

  'errorPage.title': 'Something went wrong',
  'errorPage.notFound': 'Page not found',
};
const enUi: Record<UiKey, string> = { ...enCore, ...play.en, ...host.en, ...bank.en, ...org.en, ...practice.en, ...stage.en, ...match.en };

export const en: Catalogue = { ...enUi, ...errorMessages('en') };
