import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneReactObject } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/routing';
import { AlertsList } from './AlertsList';

/** The Alerts page: what Alertmanager holds for agentmon's rules. */
export function alertsPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Alerts',
    subTitle: 'Firing and silenced alerts from Alertmanager, with links to silence them and to their runbooks.',
    url: prefixRoute(ROUTES.Alerts),
    routePath: ROUTES.Alerts,
    getScene: () =>
      new EmbeddedScene({
        body: new SceneFlexLayout({
          children: [
            new SceneFlexItem({
              body: new SceneReactObject({
                component: AlertsList,
                props: { alertmanagerUid: settings.alertmanagerUid },
              }),
            }),
          ],
        }),
      }),
  });
}
