import { SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/routing';
import { overviewScene } from './overviewScene';

/** The Overview page. */
export function overviewPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Overview',
    subTitle:
      'What your coding agents cost and do: spend, plan limits, tokens, models, projects, sessions that need you, alerts.',
    url: prefixRoute(ROUTES.Overview),
    routePath: ROUTES.Overview,
    getScene: () => overviewScene(settings),
  });
}
