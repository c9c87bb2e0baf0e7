import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO } from '../paths.ts';

type Service = {
  image?: string;
  pull_policy?: string;
  cap_drop?: string[];
  build?: { context: string; dockerfile: string };
  user?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  entrypoint?: string[];
  command?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
};

const home = mkdtempSync(join(tmpdir(), 'agentmon-compose-home-'));
const pluginId = (
  JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'src', 'plugin.json'), 'utf8')) as { id: string }
).id;
/** The ids of the app's nested plugins (the report panel), which Grafana checks for a signature on their own. */
const nestedIds = (
  JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'src', 'plugin.json'), 'utf8')) as {
    includes: Array<{ type: string; path?: string }>;
  }
).includes
  .filter((i) => i.type === 'panel' || i.type === 'datasource')
  .map((i) => (JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'src', i.path!), 'utf8')) as { id: string }).id);

/** Runs Debian's docker-compose 1.29 `config` (no Docker engine needed) with env added to a clean environment. */
function composeConfig(env: Record<string, string>) {
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...env },
  });
}

let available = true;
let services: Record<string, Service> = {};

describe('docker-compose.yml (docker-compose config, Debian docker-compose 1.29)', () => {
  before(() => {
    if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status !== 0) {
      spawnSync('bash', [join(REPO, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
    }
    available = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
    // CI installs every tool the suite uses: there a missing docker-compose is a failure, not a reason to skip.
    assert.ok(
      available || !(process.env.CI || process.env.AGENTMON_STACK_REQUIRED),
      'docker-compose could not be installed'
    );
    if (available) {
      const r = composeConfig({ GRAFANA_ADMIN_PASSWORD: 'test-password-1' });
      assert.equal(r.status, 0, r.stderr);
      services = (parse(r.stdout) as { services: Record<string, Service> }).services;
    }
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  const needsCompose = (t: { skip: (m: string) => void }) => {
    if (!available) {
      t.skip(
        'docker-compose is not installed and scripts/install-tools.sh could not install it (no apt-get or no root)'
      );
      return false;
    }
    return true;
  };

  it('is valid and has the four services plus the two first-start backfill jobs', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    assert.deepEqual(Object.keys(services).sort(), [
      'alertmanager',
      'backfill',
      'backfill-blocks',
      'exporter',
      'grafana',
      'prometheus',
    ]);
  });

  it('backfills the history once, before Prometheus starts, labelled like the live scrape', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const fill = services.backfill!;
    const blocks = services['backfill-blocks']!;
    const prom = services.prometheus!;
    assert.equal(fill.restart, 'no');
    assert.equal(blocks.restart, 'no');
    assert.deepEqual(blocks.depends_on?.backfill, { condition: 'service_completed_successfully' });
    assert.deepEqual(prom.depends_on?.['backfill-blocks'], { condition: 'service_completed_successfully' });
    const fillCmd = (fill.command ?? []).at(-1) ?? '';
    assert.deepEqual(fill.command?.slice(0, 2), ['sh', '-c']);
    const blocksCmd = (blocks.command ?? []).join(' ');
    // Only once: each job skips when its marker exists.
    assert.match(fillCmd, /^test -e \/backfill\/history\.om \|\|/);
    assert.match(blocksCmd, /^test -e \/prometheus\/\.agentmon-backfilled \|\|/);
    assert.match(blocksCmd, /promtool tsdb create-blocks-from openmetrics .*\/backfill\/history\.om \/prometheus/);
    assert.ok(blocks.volumes?.includes('prometheus-data:/prometheus:rw'), JSON.stringify(blocks.volumes));
    // The history's job and instance are the scrape's, so history and live data are one series.
    const promCfg = parse(readFileSync(join(REPO, 'provisioning', 'prometheus', 'prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const job = promCfg.scrape_configs.find((c) =>
      c.static_configs.some((sc) => sc.targets.includes('exporter:9477'))
    )!;
    assert.ok(fillCmd.includes(`--label job=${job.job_name}`), fillCmd);
    assert.ok(fillCmd.includes('--label instance=exporter:9477'), fillCmd);
    // The same logs as the exporter, read-only; it writes only to its own volume.
    assert.deepEqual(fill.volumes, [`${home}:/host-home:ro`, 'backfill:/backfill:rw']);
    assert.equal(fill.environment?.AGENTMON_LOGS_HOME, '/host-home');
  });

  it('refuses to start Grafana without an admin password (no default credentials)', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const r = composeConfig({});
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /set GRAFANA_ADMIN_PASSWORD in \.env/);
    assert.equal(services.grafana?.environment?.GF_SECURITY_ADMIN_PASSWORD, 'test-password-1');
    assert.equal(services.grafana?.environment?.GF_AUTH_ANONYMOUS_ENABLED, 'false');
  });

  it('pins every image: tagged releases, or built here from a Dockerfile that exists', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const builtHere = new Set(Object.values(services).flatMap((s) => (s.build ? [s.image] : [])));
    for (const [name, s] of Object.entries(services)) {
      if (s.build || builtHere.has(s.image)) {
        if (s.build) assert.ok(existsSync(join(REPO, s.build.dockerfile)), `${name}: ${s.build.dockerfile} missing`);
        assert.match(s.image ?? '', /^agentmon-[a-z]+:local$/, name);
      } else {
        assert.match(s.image ?? '', /^[a-z/]+:v?\d+\.\d+\.\d+$/, `${name} image is not pinned to a release`);
      }
    }
  });

  it('publishes ports on 127.0.0.1 only and gives every service a healthcheck', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    for (const [name, s] of Object.entries(services)) {
      for (const p of s.ports ?? []) {
        assert.match(p, /^127\.0\.0\.1:/, `${name} publishes ${p} beyond loopback`);
      }
      if (s.restart !== 'no') {
        assert.ok(s.healthcheck?.test?.length, `${name} has no healthcheck`);
      }
    }
  });

  it("runs the exporter as the logs' owner with the home folder read-only and its state in a volume", (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const e = services.exporter!;
    // The image starts as root only to hand /state to AGENTMON_UID:AGENTMON_GID, then drops to them (entrypoint.sh).
    assert.equal(e.user, undefined);
    assert.equal(e.environment?.AGENTMON_UID, '1000');
    assert.equal(e.environment?.AGENTMON_GID, '1000');
    assert.deepEqual(e.cap_drop, ['ALL']);
    assert.deepEqual(e.volumes, [`${home}:/host-home:ro`, 'exporter-state:/state:rw']);
    assert.equal(e.environment?.AGENTMON_LOGS_HOME, '/host-home');
    assert.deepEqual(e.command, ['serve']);
    const custom = composeConfig({
      GRAFANA_ADMIN_PASSWORD: 'x',
      AGENTMON_HOME_DIR: '/srv/alice',
      AGENTMON_UID: '1234',
    });
    const ex = (parse(custom.stdout) as { services: Record<string, Service> }).services.exporter!;
    assert.ok(ex.volumes?.includes('/srv/alice:/host-home:ro'));
    assert.equal(ex.environment?.AGENTMON_UID, '1234');
  });

  it('builds each image in one service only: the backfill job runs the exporter image and never pulls it', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const built = Object.entries(services).filter(([, s]) => s.build);
    const tags = built.map(([, s]) => s.image);
    assert.deepEqual(tags, [...new Set(tags)], 'two services build the same image');
    assert.equal(services.backfill!.build, undefined);
    assert.equal(services.backfill!.image, services.exporter!.image);
    assert.equal(services.backfill!.pull_policy, 'never');
  });

  it('mounts the rule files, Prometheus and Alertmanager configs that exist in the repository', (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const prom = services.prometheus!;
    assert.ok(
      prom.volumes?.includes(`${REPO}/provisioning/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro`)
    );
    assert.ok(prom.volumes?.includes(`${REPO}/alert-rules:/etc/prometheus/rules:ro`));
    const promYml = readFileSync(join(REPO, 'provisioning', 'prometheus', 'prometheus.yml'), 'utf8');
    const promCfg = parse(promYml) as { rule_files: string[] };
    const ruleGlob = promCfg.rule_files.find((f) => f.startsWith('/etc/prometheus/rules/'))!;
    const suffix = ruleGlob.replace('/etc/prometheus/rules/*', '');
    assert.ok(
      readdirSync(join(REPO, 'alert-rules')).filter((f) => f.endsWith(suffix)).length >= 1,
      `no alert-rules/*${suffix}`
    );
    assert.match(promYml, /targets: \['exporter:9477'\]/, 'Prometheus must scrape the exporter service on 9477');
    assert.match(promYml, /targets: \['alertmanager:9093'\]/);
    const am = services.alertmanager!;
    assert.ok(am.volumes?.includes(`${REPO}/provisioning/alertmanager:/etc/alertmanager/agentmon:ro`));
    assert.ok(existsSync(join(REPO, 'provisioning', 'alertmanager', 'render-config.sh')));
    assert.match(am.entrypoint?.join(' ') ?? '', /render-config\.sh .* --cluster\.listen-address= /);
  });

  it("gives Grafana the app (unsigned, allowed by its id and its nested panels' ids), its provisioning and the custom dashboards folder", (t) => {
    if (!needsCompose(t)) {
      return;
    }
    const g = services.grafana!;
    assert.deepEqual(g.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS?.split(','), [pluginId, ...nestedIds]);
    assert.deepEqual(nestedIds, ['agentmon-report-panel']);
    assert.ok(g.volumes?.includes(`${REPO}/provisioning/grafana:/etc/grafana/provisioning:ro`));
    assert.ok(g.volumes?.includes(`${REPO}/dashboards/custom:/var/lib/grafana/dashboards/custom:ro`));
    // The app lives outside the grafana-data volume (mounted on /var/lib/grafana), so rebuilds reach Grafana.
    const dockerfile = readFileSync(join(REPO, 'grafana-plugin', 'Dockerfile'), 'utf8');
    const pluginsDir = /^ENV GF_PATHS_PLUGINS=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
    assert.equal(pluginsDir, '/var/lib/grafana-plugins');
    const dataMount = g.volumes?.find((v) => v.startsWith('grafana-data:'))?.split(':')[1] ?? '';
    assert.equal(dataMount, '/var/lib/grafana');
    assert.ok(!`${pluginsDir}/`.startsWith(`${dataMount}/`), 'the plugins folder is inside the data volume');
    assert.match(
      dockerfile,
      new RegExp(`^COPY --from=plugin /src/grafana-plugin/dist ${pluginsDir}/${pluginId}$`, 'm')
    );
    const homeDashboard = g.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH ?? '';
    assert.ok(homeDashboard.startsWith(`${pluginsDir}/${pluginId}/dashboards/`), homeDashboard);
    assert.ok(existsSync(join(REPO, 'dashboards', homeDashboard.split('/').pop()!)));
  });

  it('documents every variable the compose file reads in .env.example', () => {
    const compose = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8');
    const example = readFileSync(join(REPO, '.env.example'), 'utf8');
    const used = new Set([...compose.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!));
    used.delete('TZ');
    const missing = [...used].filter((v) => !new RegExp(`^#? ?${v}=`, 'm').test(example));
    assert.deepEqual(missing, []);
    assert.match(example, /^GRAFANA_ADMIN_PASSWORD=$/m);
    assert.match(readFileSync(join(REPO, '.gitignore'), 'utf8'), /^\.env$/m);
  });
});

describe('Dockerfiles', () => {
  const exporter = readFileSync(join(REPO, 'exporter', 'Dockerfile'), 'utf8');
  const grafana = readFileSync(join(REPO, 'grafana-plugin', 'Dockerfile'), 'utf8');

  it('the exporter image is multi-stage, drops to an unprivileged user, has a healthcheck and no VOLUME', () => {
    assert.ok((exporter.match(/^FROM /gm) ?? []).length >= 2);
    const final = exporter.slice(exporter.lastIndexOf('\nFROM '));
    assert.match(final, /^HEALTHCHECK /m);
    assert.match(final, /^ENTRYPOINT \["agentmon-entrypoint"\]$/m);
    // A VOLUME line gives every container that does not mount the path (the backfill job) an anonymous volume.
    assert.doesNotMatch(exporter, /^VOLUME /m);
    assert.doesNotMatch(final, /npm ci|devDependencies|COPY exporter\/src/);
    const entrypoint = readFileSync(join(REPO, 'exporter', 'docker', 'entrypoint.sh'), 'utf8');
    assert.match(entrypoint, /exec setpriv --reuid="\$uid" --regid="\$gid" --clear-groups/);
  });

  it('stops at a failed npm install in every image (npm may exit 0 after "Exit handler never called!")', () => {
    for (const [name, text] of [
      ['exporter', exporter],
      ['grafana-plugin', grafana],
    ] as const) {
      const installs = text.split('\nRUN ').filter((r) => r.startsWith('npm ci'));
      assert.ok(installs.length > 0, name);
      for (const run of installs)
        assert.match(run, /test -f node_modules\/\.package-lock\.json && npm ls /, `${name}: ${run}`);
    }
  });

  it('pins base images; Grafana matches the @grafana packages the app is built against', () => {
    for (const from of [...exporter.matchAll(/^FROM (\S+)/gm), ...grafana.matchAll(/^FROM (\S+)/gm)].map(
      (m) => m[1]!
    )) {
      assert.match(from, /:\d+\.\d+\.\d+/, `${from} is not pinned`);
    }
    const pkg = JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.match(
      grafana,
      new RegExp(`^FROM grafana/grafana:${pkg.dependencies['@grafana/ui']!.replace(/\./g, '\\.')}$`, 'm')
    );
    assert.match(grafana, /npm run build --workspace grafana-plugin/);
  });

  it('.dockerignore keeps node_modules, build output and .env out of the build context', () => {
    const ignore = readFileSync(join(REPO, '.dockerignore'), 'utf8');
    for (const p of ['**/node_modules', '**/dist', '.env', '.git']) {
      assert.match(ignore, new RegExp(`^${p.replace(/[.*]/g, (c) => `\\${c}`)}$`, 'm'));
    }
  });
});
