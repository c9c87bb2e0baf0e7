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
    pages: [overviewPage(settings), sessionsPage(settings), livePage(settings), alertsPage(settings), reportsPage(settings)],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}

function AppWithScenes({ settings }: { settings: AppSettings }) {
  const scene = useSceneApp(() => buildSceneApp(settings));
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
