import React from 'react';
import { Badge, type BadgeColor } from '@grafana/ui';
import type { SessionStatus } from '../../api/types';

const COLORS: Record<SessionStatus, BadgeColor> = { active: 'green', stuck: 'orange', looping: 'red', ended: 'blue' };

/** A session's status as a coloured badge. */
export function StatusBadge({ status }: { status: SessionStatus }) {
  return <Badge text={status} color={COLORS[status] ?? 'blue'} />;
}
