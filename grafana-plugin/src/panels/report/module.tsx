// The report panel: a nested panel plugin of the agentmon app (declared in the app's plugin.json includes), so any
// dashboard can show a report's summary and insights for its own time range.
import { PanelPlugin, type SelectableValue } from '@grafana/data';
import { listTemplates } from '../../api/reports';
import { BUILTIN_TEMPLATES, DEFAULT_OPTIONS, type ReportPanelOptions } from './options';
import { ReportPanel } from './ReportPanel';

/** The exporter's templates for the option's list; the built-ins when it cannot be asked. */
export async function templateOptions(): Promise<Array<SelectableValue<string>>> {
  try {
    const { items } = await listTemplates();
    return items.map((t) => ({ label: t.title, value: t.name, description: t.name }));
  } catch {
    return BUILTIN_TEMPLATES.map((name) => ({ label: name, value: name }));
  }
}

export const plugin = new PanelPlugin<ReportPanelOptions>(ReportPanel).setPanelOptions((builder) =>
  builder
    .addSelect({
      path: 'template',
      name: 'Report template',
      description: 'Which agentmon report to show; a dashboard variable such as $template works too.',
      defaultValue: DEFAULT_OPTIONS.template,
      settings: {
        allowCustomValue: true,
        options: BUILTIN_TEMPLATES.map((name) => ({ label: name, value: name })),
        getOptions: templateOptions,
      },
    })
    .addBooleanSwitch({
      path: 'showSummary',
      name: 'Summary',
      description: 'Figures with their change against the previous period of the same length.',
      defaultValue: DEFAULT_OPTIONS.showSummary,
    })
    .addBooleanSwitch({
      path: 'showInsights',
      name: 'Insights',
      description: 'Findings with their numbers, estimated savings and suggestions.',
      defaultValue: DEFAULT_OPTIONS.showInsights,
    })
    .addBooleanSwitch({
      path: 'onlyActionable',
      name: 'Only insights to act on',
      description: 'Leave out the ones marked good.',
      defaultValue: DEFAULT_OPTIONS.onlyActionable,
      showIf: (o) => o.showInsights,
    })
    .addNumberInput({
      path: 'maxInsights',
      name: 'At most this many insights',
      description: '0 shows them all.',
      defaultValue: DEFAULT_OPTIONS.maxInsights,
      settings: { min: 0, integer: true },
      showIf: (o) => o.showInsights,
    })
);
