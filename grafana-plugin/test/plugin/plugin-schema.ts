// The project's own JSON Schemas for the app's plugin.json (the fields Grafana reads for an app with pages, bundled
// dashboards, nested panels and a proxy route) and for a nested panel's plugin.json. They stand in for
// @grafana/plugin-validator, which cannot run offline.

const include = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: { enum: ['page', 'dashboard', 'panel', 'datasource'] },
    name: { type: 'string', minLength: 1 },
    path: { type: 'string', minLength: 1 },
    role: { enum: ['Viewer', 'Editor', 'Admin'] },
    action: { type: 'string' },
    addToNav: { type: 'boolean' },
    defaultNav: { type: 'boolean' },
    icon: { type: 'string' },
    uid: { type: 'string' },
  },
} as const;

const route = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'url'],
  properties: {
    // A trailing "/*" takes the rest of the path (Grafana matches route paths segment by segment).
    path: { type: 'string', pattern: '^[a-z0-9][a-z0-9/_-]*(/\\*)?$' },
    url: { type: 'string', minLength: 1 },
    method: { type: 'string' },
    reqRole: { enum: ['Viewer', 'Editor', 'Admin'] },
    reqAction: { type: 'string' },
    headers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'content'],
        properties: { name: { type: 'string' }, content: { type: 'string' } },
      },
    },
  },
} as const;

const info = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'author', 'logos', 'version', 'updated', 'keywords'],
  properties: {
    description: { type: 'string', minLength: 20 },
    author: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, url: { type: 'string' } },
    },
    keywords: { type: 'array', minItems: 1, items: { type: 'string' } },
    logos: {
      type: 'object',
      additionalProperties: false,
      required: ['small', 'large'],
      properties: { small: { type: 'string' }, large: { type: 'string' } },
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'url'],
        properties: { name: { type: 'string' }, url: { type: 'string' } },
      },
    },
    screenshots: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'path'],
        properties: { name: { type: 'string' }, path: { type: 'string' } },
      },
    },
    version: { type: 'string' },
    updated: { type: 'string' },
  },
} as const;

/** JSON Schema of the app's plugin.json. */
export const PLUGIN_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name', 'id', 'info', 'includes', 'dependencies'],
  properties: {
    $schema: { type: 'string' },
    // Added to dist/plugin.json by the build (production or development).
    buildMode: { enum: ['production', 'development'] },
    type: { const: 'app' },
    name: { type: 'string', minLength: 1 },
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*-app$' },
    info,
    includes: { type: 'array', minItems: 1, items: include },
    routes: { type: 'array', items: route },
    // RBAC roles the app declares (Grafana registers them as plugins:<id>:<name>; actions must start with the id).
    roles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'grants'],
        properties: {
          role: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'permissions'],
            properties: {
              name: { type: 'string', minLength: 1 },
              description: { type: 'string' },
              permissions: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['action'],
                  properties: {
                    action: { type: 'string', pattern: '^agentmon-agents-app[.:]' },
                    scope: { type: 'string' },
                  },
                },
              },
            },
          },
          grants: { type: 'array', items: { enum: ['Viewer', 'Editor', 'Admin', 'Grafana Admin'] } },
        },
      },
    },
    dependencies: {
      type: 'object',
      additionalProperties: false,
      required: ['grafanaDependency'],
      properties: {
        grafanaDependency: { type: 'string', pattern: '^(>=|\\^|~)?\\d+\\.\\d+\\.\\d+' },
        plugins: { type: 'array' },
      },
    },
  },
} as const;

/** JSON Schema of a nested panel's plugin.json (a panel that fetches its own data: no queries). */
export const PANEL_PLUGIN_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name', 'id', 'info', 'dependencies', 'skipDataQuery'],
  properties: {
    $schema: { type: 'string' },
    buildMode: { enum: ['production', 'development'] },
    type: { const: 'panel' },
    name: { type: 'string', minLength: 1 },
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*-panel$' },
    skipDataQuery: { const: true },
    info,
    dependencies: PLUGIN_JSON_SCHEMA.properties.dependencies,
  },
} as const;
