import React from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import type { AppJsonData } from '../../settings';
import App from './App';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());
// The real useSceneApp, recording the factory it is given on each render.
const factories: unknown[] = [];
jest.mock('@grafana/scenes', () => {
  const actual = jest.requireActual('@grafana/scenes');
  return { ...actual, useSceneApp: (factory: () => unknown) => (factories.push(factory), actual.useSceneApp(factory)) };
});

const props = (jsonData: AppJsonData) =>
  ({
    meta: { id: 'agentmon-agents-app', jsonData },
    basename: '/a/agentmon-agents-app',
    path: '',
    query: {},
  }) as unknown as AppRootProps<AppJsonData>;

it('renders the app again (a location change) with the same SceneApp factory, so the app is built once', () => {
  const { rerender } = render(
    <MemoryRouter initialEntries={['/a/agentmon-agents-app/overview']}>
      <App {...props({ exporterUrl: 'http://exporter:9477' })} />
    </MemoryRouter>
  );
  rerender(
    <MemoryRouter initialEntries={['/a/agentmon-agents-app/sessions']}>
      <App {...props({ exporterUrl: 'http://exporter:9477' })} />
    </MemoryRouter>
  );
  expect(factories.length).toBeGreaterThanOrEqual(2);
  expect(new Set(factories).size).toBe(1);
});
