// An Announcement (stage-view.ts) in the user's language, for the consoles and the projector.
import type { StageView } from '@dangshi/protocol';
import { t } from '$lib/i18n';
import { teamName, type Announcement } from './stage-view';

export function announcementText(a: Announcement, view: StageView, audience: 'console' | 'screen'): string {
  const name = 'teamId' in a ? teamName(view, a.teamId) : '';
  const screen = audience === 'screen';
  switch (a.kind) {
    case 'buzzReady':
      return screen ? t('stage.screen.buzzReady') : t('stage.buzzReady');
    case 'buzzOpen':
      return screen ? t('stage.screen.buzzOpen') : t('stage.buzzOpen');
    case 'buzzWinner':
      return screen ? t('stage.screen.buzzWinner', { name }) : t('stage.floor', { name });
    case 'onTurn':
      return screen ? t('stage.screen.onTurn', { name }) : t('stage.onTurn', { name });
    case 'stakeWaiting':
      return screen ? t('stage.screen.stakeWaiting', { name }) : t('stage.stakeWaiting', { name });
    case 'stake':
      return screen ? t('stage.screen.stake', { name, value: a.value }) : t('stage.stakePicked', { name, value: a.value });
    case 'answersReady':
      return screen ? t('stage.screen.answersReady') : t('stage.answersReady');
    case 'answersOpen':
      return screen
        ? t('stage.screen.submitted', { count: a.submitted, total: a.total })
        : `${t('stage.answersOpen')} · ${t('stage.submittedCount', { count: a.submitted, total: a.total })}`;
    case 'answersClosed':
      return `${t('stage.answersClosed')} · ${t('stage.submittedCount', { count: a.submitted, total: a.total })}`;
    case 'marked':
      return `${name} · ${a.right ? t('stage.screen.right') : t('stage.screen.wrong')}`;
  }
}
