// The report panel's options, as saved in the dashboard JSON.

/** What the panel shows. */
export interface ReportPanelOptions {
  /** Template name; may hold dashboard variables ($template). */
  template: string;
  showSummary: boolean;
  showInsights: boolean;
  /** Leave out insights whose level is "good" (nothing to do). */
  onlyActionable: boolean;
  /** At most this many insights, in the report’s order; 0 for all. */
  maxInsights: number;
}

/** Options of a new report panel: the weekly template, summary and insights. */
export const DEFAULT_OPTIONS: ReportPanelOptions = {
  template: 'weekly',
  showSummary: true,
  showInsights: true,
  onlyActionable: false,
  maxInsights: 0,
};

/** The built-in templates, offered when the exporter cannot be asked for its list. */
export const BUILTIN_TEMPLATES = ['daily', 'weekly', 'monthly'];
