import React from 'react';
import { SceneApp, useSceneApp } from '@grafana/scenes';
import type { AppRootProps } from '@grafana/data';
import { alertsPage } from '../../pages/Alerts/alertsPage';
import { livePage } from '../../pages/Live/livePage';
import { overviewPage } from '../../pages/Overview/overviewPage';
import { reportsPage } from '../../pages/Reports/reportsPage';
import { sessionsPage } from '../../pages/Sessions/sessionsPage';
import { withDefaults, type AppJsonData, type AppSettings } from '../../settings';
import { PluginPropsContext } from '../../utils/utils.plugin';

/** Builds the app's pages for the saved settings. */
export function buildSceneApp(settings: AppSettings): SceneApp {
  return new SceneApp({
    pages: [
      overviewPage(settings),
      sessionsPage(settings),
      livePage(settings),
      alertsPage(settings),
      reportsPage(settings),
    ],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}

/** One factory per settings value: useSceneApp caches the SceneApp by the factory's identity, so a new arrow
 * function on every render (each location change) would build the whole app again and keep every old one. */
const factories = new Map<string, () => SceneApp>();

/** Returns the same SceneApp factory for equal settings. */
export function sceneAppFactory(settings: AppSettings): () => SceneApp {
  const key = JSON.stringify(settings);
  let factory = factories.get(key);
  if (!factory) {
    factory = () => buildSceneApp(settings);
    factories.set(key, factory);
  }
  return factory;
}

function AppWithScenes({ settings }: { settings: AppSettings }) {
  const scene = useSceneApp(sceneAppFactory(settings));
  return <scene.Component model={scene} />;
}

/** The app's root page: Grafana renders it for every /a/<plugin id>/... URL. */
function App(props: AppRootProps<AppJsonData>) {
  return (
    <PluginPropsContext.Provider value={props}>
      <AppWithScenes settings={withDefaults(props.meta.jsonData)} />
    </PluginPropsContext.Provider>
  );
}

export default App;
