import React from 'react';
import { Alert } from '@grafana/ui';
import type { Problem } from '../../api/problems';
import { testIds } from '../testIds';

interface Props {
  problem: Problem;
  severity?: 'error' | 'warning';
}

/** A problem shown as an Alert: what is wrong, what to do, and the technical detail. */
export function ProblemAlert({ problem, severity = 'error' }: Props) {
  return (
    <Alert title={problem.title} severity={severity} data-testid={testIds.problem}>
      <div>{problem.action}</div>
      <details>
        <summary>Detail</summary>
        <code>{problem.detail}</code>
      </details>
    </Alert>
  );
}
