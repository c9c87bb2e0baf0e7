import {
  EmbeddedScene,
  SceneAppPage,
  SceneFlexItem,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
} from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/routing';
import { ReportsScene } from './reportsScene';

/** The Reports page: the exporter's report templates, generated for the picked range, downloads and runs. */
export function reportsPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Reports',
    subTitle:
      'Reports from the exporter’s own numbers: preview one for any range, download it as PDF, HTML, Markdown, JSON or CSV, and see each template’s schedule and last runs.',
    url: prefixRoute(ROUTES.Reports),
    routePath: ROUTES.Reports,
    $timeRange: new SceneTimeRange({ from: 'now-7d', to: 'now' }),
    controls: [new SceneTimePicker({ isOnCanvas: true }), new SceneRefreshPicker({ isOnCanvas: true })],
    getScene: () =>
      new EmbeddedScene({
        body: new SceneFlexLayout({
          direction: 'column',
          children: [new SceneFlexItem({ body: new ReportsScene({ configured: settings.exporterUrl !== '' }) })],
        }),
      }),
  });
}
