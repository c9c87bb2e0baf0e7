import { withDefaults } from '../../settings';
import { useSceneApp } from '@grafana/scenes';
import { buildSceneApp, sceneAppFactory } from './App';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

describe('buildSceneApp', () => {
  it('has the five app pages at the URLs plugin.json lists', () => {
    const app = buildSceneApp(withDefaults({ exporterUrl: 'http://exporter:9477' }));
    expect(app.state.pages.map((p) => [p.state.title, p.state.url])).toEqual([
      ['Overview', '/a/agentmon-agents-app/overview'],
      ['Sessions', '/a/agentmon-agents-app/sessions'],
      ['Live', '/a/agentmon-agents-app/live'],
      ['Alerts', '/a/agentmon-agents-app/alerts'],
      ['Reports', '/a/agentmon-agents-app/reports'],
    ]);
    const pluginJson = require('../../plugin.json');
    const listed = pluginJson.includes.filter(
      (i: { type: string; path: string }) => i.type === 'page' && i.path.startsWith('/a/')
    );
    expect(listed.map((i: { path: string }) => i.path.replace('%PLUGIN_ID%', 'agentmon-agents-app'))).toEqual(
      app.state.pages.map((p) => p.state.url)
    );
  });

  it('drills from Sessions into one session and into a comparison', () => {
    const sessions = buildSceneApp(withDefaults({})).state.pages[1]!;
    expect(sessions.state.drilldowns?.map((d) => d.routePath)).toEqual(['view/:id', 'compare/:a/:b']);
  });
});

describe('withDefaults', () => {
  it('falls back to the compose stack datasources and trims the URL', () => {
    expect(withDefaults({ exporterUrl: ' http://x:9477 ' })).toEqual({
      exporterUrl: 'http://x:9477',
      prometheusUid: 'agentmon-prometheus',
      alertmanagerUid: 'agentmon-alertmanager',
    });
    expect(withDefaults(undefined).exporterUrl).toBe('');
  });
});

describe('sceneAppFactory', () => {
  it('gives useSceneApp the same factory for equal settings, so the app is built once, not on every render', () => {
    const first = useSceneApp(sceneAppFactory(withDefaults({ exporterUrl: 'http://exporter:9477' })));
    // A location change renders App again with a new props object holding the same settings.
    const again = useSceneApp(sceneAppFactory(withDefaults({ exporterUrl: 'http://exporter:9477' })));
    expect(again).toBe(first);
    const other = useSceneApp(sceneAppFactory(withDefaults({ exporterUrl: 'http://other:9477' })));
    expect(other).not.toBe(first);
  });
});
