// What tests install in place of @grafana/runtime's services: the fake backend, a datasource list, and a
// locationService that records navigation.
import { fakeBackendSrv } from './fakeBackend';

/** Datasources "configured in Grafana" for the test (by uid). */
export const datasources = new Map<string, { name: string; type: string; uid: string }>();

/** URLs the app navigated to. */
export const navigations: string[] = [];

/** The page URL's query string, as locationService.partial leaves it. */
export const page = { search: new URLSearchParams() };

/** Resets datasources to the compose stack's two and clears navigation. */
export function resetRuntime(): void {
  datasources.clear();
  datasources.set('agentmon-prometheus', { name: 'Prometheus', type: 'prometheus', uid: 'agentmon-prometheus' });
  datasources.set('agentmon-alertmanager', {
    name: 'Alertmanager',
    type: 'alertmanager',
    uid: 'agentmon-alertmanager',
  });
  navigations.length = 0;
  page.search = new URLSearchParams();
}

/** The jest.mock factory body for '@grafana/runtime'. */
export function runtimeMock() {
  return {
    ...jest.requireActual('@grafana/runtime'),
    getBackendSrv: () => fakeBackendSrv,
    getDataSourceSrv: () => ({ getInstanceSettings: (uid: string) => datasources.get(uid) }),
    // Grafana's picker needs the whole datasource service; a text box with the uid is enough to test the form.
    DataSourcePicker: ({
      pluginId,
      current,
      onChange,
    }: {
      pluginId: string;
      current: string;
      onChange: (ds: { uid: string }) => void;
    }) =>
      require('react').createElement('input', {
        'aria-label': `${pluginId} datasource`,
        value: current,
        onChange: (e: { target: { value: string } }) => onChange({ uid: e.target.value }),
      }),
    locationService: {
      push: (url: string) => navigations.push(url),
      reload: () => navigations.push('reload'),
      getLocation: () => ({ pathname: '/' }),
      getSearch: () => new URLSearchParams(page.search),
      partial: (params: Record<string, string | null>) => {
        for (const [k, v] of Object.entries(params)) {
          if (v === null) {
            page.search.delete(k);
          } else {
            page.search.set(k, v);
          }
        }
      },
    },
  };
}
