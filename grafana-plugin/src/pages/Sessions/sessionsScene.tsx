// Scene objects that host the Sessions React views, feeding them the page's time range.
import React from 'react';
import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { SessionsTable } from './SessionsTable';

interface SessionsListState extends SceneObjectState {
  configured: boolean;
}

/** The sessions table, filtered to the scene's time range. */
export class SessionsListScene extends SceneObjectBase<SessionsListState> {
  static Component = SessionsListRenderer;
}

function SessionsListRenderer({ model }: SceneComponentProps<SessionsListScene>) {
  const { configured } = model.useState();
  const { value } = sceneGraph.getTimeRange(model).useState();
  return (
    <SessionsTable configured={configured} range={{ from: value.from.toISOString(), to: value.to.toISOString() }} />
  );
}
