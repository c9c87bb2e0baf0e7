import {
  EmbeddedScene,
  SceneAppPage,
  SceneFlexItem,
  SceneFlexLayout,
  SceneReactObject,
  SceneTimePicker,
  SceneTimeRange,
} from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { compareRoute, prefixRoute, sessionRoute } from '../../utils/routing';
import { SessionCompareView } from './SessionCompareView';
import { SessionDetailView } from './SessionDetailView';
import { SessionsListScene } from './sessionsScene';

const single = (body: SceneFlexItem['state']['body']) =>
  new EmbeddedScene({ body: new SceneFlexLayout({ direction: 'column', children: [new SceneFlexItem({ body })] }) });

/** The Sessions page, with drill-downs to one session and to a comparison of two. */
export function sessionsPage(settings: AppSettings): SceneAppPage {
  const configured = settings.exporterUrl !== '';
  return new SceneAppPage({
    title: 'Sessions',
    subTitle: 'Every agent session the exporter has read: filter, sort, drill into a timeline, compare two, export.',
    url: prefixRoute(ROUTES.Sessions),
    routePath: `${ROUTES.Sessions}/*`,
    $timeRange: new SceneTimeRange({ from: 'now-7d', to: 'now' }),
    controls: [new SceneTimePicker({ isOnCanvas: true })],
    getScene: () => single(new SessionsListScene({ configured })),
    drilldowns: [
      {
        routePath: 'view/:id',
        getPage: (match, parent) => {
          const id = decodeURIComponent(match.params.id ?? '');
          return new SceneAppPage({
            title: `Session ${id.split(':').slice(1).join(':').slice(0, 8) || id}`,
            subTitle: id,
            url: sessionRoute(id),
            routePath: 'view/:id',
            getParentPage: () => parent,
            getScene: () => single(new SceneReactObject({ component: SessionDetailView, props: { id, configured } })),
          });
        },
      },
      {
        routePath: 'compare/:a/:b',
        getPage: (match, parent) => {
          const a = decodeURIComponent(match.params.a ?? '');
          const b = decodeURIComponent(match.params.b ?? '');
          return new SceneAppPage({
            title: 'Compare sessions',
            subTitle: `${a} vs ${b}`,
            url: compareRoute(a, b),
            routePath: 'compare/:a/:b',
            getParentPage: () => parent,
            getScene: () =>
              single(new SceneReactObject({ component: SessionCompareView, props: { a, b, configured } })),
          });
        },
      },
    ],
  });
}
