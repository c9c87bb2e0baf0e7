import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneReactObject } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/routing';
import { LiveFeed } from './LiveFeed';

/** The Live page: the exporter's event feed as it happens. */
export function livePage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Live',
    subTitle: 'Prompts, responses, tool calls and errors as the agents write them (updated every 2 seconds).',
    url: prefixRoute(ROUTES.Live),
    routePath: ROUTES.Live,
    getScene: () =>
      new EmbeddedScene({
        body: new SceneFlexLayout({
          children: [
            new SceneFlexItem({
              body: new SceneReactObject({ component: LiveFeed, props: { configured: settings.exporterUrl !== '' } }),
            }),
          ],
        }),
      }),
  });
}
