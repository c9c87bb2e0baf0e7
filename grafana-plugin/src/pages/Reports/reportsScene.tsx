// The scene object that hosts the Reports view, feeding it the page's time range.
import React from 'react';
import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { ReportsView } from './ReportsView';

interface ReportsState extends SceneObjectState {
  configured: boolean;
}

/** The reports view for the scene's time range (Unix ms, as the exporter's preview and runs take it). */
export class ReportsScene extends SceneObjectBase<ReportsState> {
  static Component = ReportsRenderer;
}

function ReportsRenderer({ model }: SceneComponentProps<ReportsScene>) {
  const { configured } = model.useState();
  const { value } = sceneGraph.getTimeRange(model).useState();
  return <ReportsView configured={configured} range={{ from: value.from.valueOf(), to: value.to.valueOf() }} />;
}
