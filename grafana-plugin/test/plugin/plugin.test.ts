import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { REPO, ensureBuilt } from '../paths.ts';
import { PANEL_PLUGIN_JSON_SCHEMA, PLUGIN_JSON_SCHEMA } from './plugin-schema.ts';
// @ts-expect-error: a plain ES module script without type declarations
import { contentVersion, pluginJsons } from '../../scripts/content-version.mjs';

const PLUGIN = join(REPO, 'grafana-plugin');
const DIST = join(PLUGIN, 'dist');
type PluginJson = {
  id: string;
  info: { version: string; updated: string; logos: { small: string; large: string } };
  includes: Array<{ type: string; name: string; path?: string; defaultNav?: boolean; addToNav?: boolean }>;
  routes?: Array<{
    path: string;
    url: string;
    method?: string;
    reqRole?: string;
    reqAction?: string;
    headers?: Array<{ name: string; content: string }>;
  }>;
  roles?: Array<{ role: { name: string; permissions: Array<{ action: string }> }; grants: string[] }>;
};
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PluginJson;
const validate = new Ajv({ allErrors: true, strict: false }).compile(PLUGIN_JSON_SCHEMA);
const errors = (json: unknown) =>
  validate(json)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

const validatePanel = new Ajv({ allErrors: true, strict: false }).compile(PANEL_PLUGIN_JSON_SCHEMA);
const panelErrors = (json: unknown) =>
  validatePanel(json)
    ? []
    : (validatePanel.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

const findPluginJsons = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? findPluginJsons(p) : n === 'plugin.json' ? [p] : [];
  });

describe('plugin.json (own schema + file checks, in place of the offline-impossible plugin validator)', () => {
  before(() => {
    // This file run on its own, after a source change or in a clean checkout: build first (npm test builds before it).
    ensureBuilt('grafana-plugin');
  });

  it('src/plugin.json and the built dist/plugin.json match the schema', () => {
    assert.deepEqual(errors(read(join(PLUGIN, 'src', 'plugin.json'))), []);
    assert.deepEqual(errors(read(join(DIST, 'plugin.json'))), []);
  });

  it('the schema catches mistakes (wrong id form, unknown field, route without url)', () => {
    const bad = structuredClone(read(join(PLUGIN, 'src', 'plugin.json'))) as unknown as Record<string, unknown>;
    bad.id = 'AgentmonApp';
    bad.colour = 'blue';
    (bad.routes as Array<Record<string, unknown>>)[0] = { path: 'exporter' };
    const found = errors(bad).join('\n');
    assert.match(found, /\/id must match pattern/);
    assert.match(found, /additionalProperty":"colour"/);
    assert.match(found, /\/routes\/0 must have required property 'url'/);
  });

  it('the build filled in version, date and plugin id', () => {
    const dist = read(join(DIST, 'plugin.json'));
    const pkg = JSON.parse(readFileSync(join(PLUGIN, 'package.json'), 'utf8')) as { version: string };
    // The package version plus build metadata from the built files (scripts/content-version.mjs): a rebuilt app
    // with any change gets a new version, which is what makes Grafana re-import its dashboards.
    assert.equal(dist.info.version, contentVersion(DIST, pkg.version));
    assert.match(dist.info.version, new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`));
    for (const nested of pluginJsons(DIST)) assert.equal(read(nested).info.version, dist.info.version, nested);
    assert.match(dist.info.updated, /^\d{4}-\d{2}-\d{2}$/);
    assert.doesNotMatch(readFileSync(join(DIST, 'plugin.json'), 'utf8'), /%[A-Z_]+%/);
    for (const page of dist.includes.filter((i) => i.type === 'page' && i.path?.startsWith('/a/'))) {
      assert.ok(page.path!.startsWith(`/a/${dist.id}/`), page.path);
    }
  });

  it('dist holds module.js, README, CHANGELOG, LICENSE and the logos', () => {
    const dist = read(join(DIST, 'plugin.json'));
    for (const f of [
      'module.js',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      dist.info.logos.small,
      dist.info.logos.large,
    ]) {
      assert.ok(existsSync(join(DIST, f)) && statSync(join(DIST, f)).size > 0, `dist/${f} missing or empty`);
    }
    assert.match(readFileSync(join(DIST, 'README.md'), 'utf8'), /agentmon/);
  });

  it('every bundled dashboard is in dist, parses, and is the same file as dashboards/', () => {
    const dist = read(join(DIST, 'plugin.json'));
    const dashboards = dist.includes.filter((i) => i.type === 'dashboard');
    assert.equal(dashboards.length, 6);
    for (const d of dashboards) {
      const built = readFileSync(join(DIST, d.path!), 'utf8');
      assert.equal(built, readFileSync(join(REPO, d.path!), 'utf8'), `${d.path} differs from the repository copy`);
      assert.equal((JSON.parse(built) as { title: string }).title, d.name);
    }
  });

  it('one default page; the Configuration page is the plugin page', () => {
    const src = read(join(PLUGIN, 'src', 'plugin.json'));
    assert.deepEqual(
      src.includes.filter((i) => i.defaultNav).map((i) => i.name),
      ['Overview']
    );
    assert.ok(
      src.includes.some((i) => i.type === 'page' && i.path === '/plugins/%PLUGIN_ID%' && i.name === 'Configuration')
    );
  });

  it('the exporter routes read the settings the Configuration page saves', () => {
    const src = read(join(PLUGIN, 'src', 'plugin.json'));
    assert.equal(src.routes?.length, 4);
    for (const route of src.routes ?? []) {
      assert.ok(route.url.startsWith('{{ .JsonData.exporterUrl }}'), route.url);
      assert.deepEqual(route.headers, [
        { name: 'Authorization', content: 'Bearer {{ .SecureJsonData.exporterToken }}' },
      ]);
    }
    // The jest test of the Configuration page checks that saving sends exactly these keys.
    const settings = readFileSync(join(PLUGIN, 'src', 'settings.ts'), 'utf8');
    assert.match(settings, /interface AppJsonData \{[^}]*exporterUrl\?: string;/);
    const config = readFileSync(join(PLUGIN, 'src', 'components', 'AppConfig', 'AppConfig.test.tsx'), 'utf8');
    assert.match(config, /secureJsonData: \{ exporterToken: 's3cret' \}/);
    const constants = readFileSync(join(PLUGIN, 'src', 'constants.ts'), 'utf8');
    assert.match(constants, /plugin-proxy\/\$\{PLUGIN_ID\}\/exporter/);
  });

  it('routes summaries and previews to Viewers, raw transcripts to the transcripts:read action, runs to Editors', () => {
    // Grafana's plugin proxy (pkg/api/pluginproxy/pluginproxy.go, HandleRequest): routes are tried in order, a
    // route's method must equal the request's unless it is empty or "*", its path is matched segment by segment with
    // "*" taking the rest, and the first match wins; if the user may not use that route the answer is 403 (no later
    // route is tried); the proxied path is the route's url plus what "*" took. hasAccessToRoute checks reqAction with
    // RBAC when set (then reqRole is not looked at), else reqRole. So a path without "*" ("exporter") only ever
    // matches itself.
    type Route = NonNullable<PluginJson['routes']>[number];
    const match = (routes: Route[], method: string, path: string) => {
      for (const r of routes) {
        if (r.method && r.method !== '*' && r.method !== method) {
          continue;
        }
        const prefix = r.path.endsWith('/*') ? r.path.slice(0, -1) : undefined;
        if (prefix ? path.startsWith(prefix) && path.length > prefix.length : path === r.path) {
          const forwarded = prefix ? path.slice(prefix.length) : '';
          const target = `${r.url.replace('{{ .JsonData.exporterUrl }}', '')}${forwarded ? `/${forwarded}` : ''}`;
          return { ...(r.reqAction ? { action: r.reqAction } : { role: r.reqRole }), target };
        }
      }
      return undefined;
    };
    const src = read(join(PLUGIN, 'src', 'plugin.json'));
    const routes = src.routes ?? [];
    assert.deepEqual(match(routes, 'GET', 'exporter/api/v1/sessions'), { role: 'Viewer', target: '/api/v1/sessions' });
    assert.deepEqual(match(routes, 'GET', 'exporter/api/v1/sessions/claude-code:s1'), {
      role: 'Viewer',
      target: '/api/v1/sessions/claude-code:s1',
    });
    // Raw prompts and tool inputs: only with the action (granted to Editors and Admins), and only this route reaches
    // the exporter's /api/v1/raw (its routing is case-sensitive, so /api/v1/RAW through the Viewer route is a 404).
    assert.deepEqual(match(routes, 'GET', 'exporter/api/v1/raw/sessions/claude-code:s1'), {
      action: 'agentmon-agents-app.transcripts:read',
      target: '/api/v1/raw/sessions/claude-code:s1',
    });
    assert.deepEqual(match(routes, 'POST', 'exporter/api/v1/reports/preview'), {
      role: 'Viewer',
      target: '/api/v1/reports/preview',
    });
    assert.deepEqual(match(routes, 'GET', 'exporter/api/v1/reports/runs'), {
      role: 'Viewer',
      target: '/api/v1/reports/runs',
    });
    assert.deepEqual(match(routes, 'POST', 'exporter/api/v1/reports/runs'), {
      role: 'Editor',
      target: '/api/v1/reports/runs',
    });
    assert.equal(match(routes, 'DELETE', 'exporter/api/v1/reports/runs'), undefined);
    // The same model rejects the first session's single route for any API path.
    assert.equal(match([{ path: 'exporter', url: 'x' }], 'GET', 'exporter/api/v1/sessions'), undefined);
    // The action is declared as a role of this app, granted to Editors and Admins but not Viewers (nor anonymous
    // users, who get the Viewer role); Grafana requires plugin actions to start with the plugin id
    // (pkg/services/accesscontrol/pluginutils/utils.go, ValidatePluginAction).
    const role = (src.roles ?? []).find((r) =>
      r.role.permissions.some((p) => p.action === 'agentmon-agents-app.transcripts:read')
    );
    assert.ok(role);
    assert.deepEqual([...role.grants].sort(), ['Admin', 'Editor']);
  });

  it('declares every nested plugin, and only those', () => {
    const nested = findPluginJsons(join(PLUGIN, 'src')).map((p) => relative(join(PLUGIN, 'src'), p));
    const declared = read(join(PLUGIN, 'src', 'plugin.json'))
      .includes.filter((i) => i.type === 'panel' || i.type === 'datasource')
      .map((i) => i.path);
    assert.deepEqual(nested.filter((p) => p !== 'plugin.json').sort(), declared.sort());
    assert.deepEqual(declared, ['panels/report/plugin.json']);
  });

  it('each nested panel matches the panel schema and is built into dist with its module, logos and filled-in version', () => {
    const app = read(join(DIST, 'plugin.json'));
    for (const include of app.includes.filter((i) => i.type === 'panel')) {
      const srcJson = read(join(PLUGIN, 'src', include.path!));
      assert.deepEqual(panelErrors(srcJson), [], include.path);
      const distFile = join(DIST, include.path!);
      assert.ok(existsSync(distFile), `dist/${include.path} missing: the build must output nested plugins`);
      const dist = read(distFile);
      assert.deepEqual(panelErrors(dist), [], `dist/${include.path}`);
      assert.equal(dist.id, srcJson.id);
      assert.equal(include.name, (dist as unknown as { name: string }).name);
      assert.equal(dist.info.version, app.info.version);
      assert.doesNotMatch(readFileSync(distFile, 'utf8'), /%[A-Z_]+%/);
      const dir = join(DIST, include.path!, '..');
      for (const f of ['module.js', dist.info.logos.small, dist.info.logos.large]) {
        assert.ok(
          existsSync(join(dir, f)) && statSync(join(dir, f)).size > 0,
          `${relative(DIST, join(dir, f))} missing`
        );
      }
      // A nested plugin's module is its own bundle: small, without the app's scenes.
      assert.ok(statSync(join(dir, 'module.js')).size < 200_000);
    }
  });

  it('the panel schema catches mistakes (app id form, queries expected, unknown field)', () => {
    const bad = structuredClone(read(join(PLUGIN, 'src', 'panels', 'report', 'plugin.json'))) as unknown as Record<
      string,
      unknown
    >;
    bad.id = 'agentmon-report-app';
    bad.skipDataQuery = false;
    bad.colour = 'blue';
    const found = panelErrors(bad).join('\n');
    assert.match(found, /\/id must match pattern/);
    assert.match(found, /\/skipDataQuery must be equal to constant/);
    assert.match(found, /additionalProperty":"colour"/);
  });
});
