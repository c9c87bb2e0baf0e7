// Extends the scaffolded webpack config (left as generated in .config/) with two things: the dashboards in the
// repository's dashboards/ folder are bundled into dist/dashboards, where plugin.json's includes point; and the
// nested panels' logos are copied beside their plugin.json (the scaffold copies only the app's own logos).
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return {
    ...base,
    plugins: [
      ...(base.plugins ?? []),
      new CopyWebpackPlugin({
        patterns: [
          { from: path.resolve(process.cwd(), '..', 'dashboards', '*.json'), to: 'dashboards/[name][ext]' },
          { from: 'panels/*/img/*', to: '[path][name][ext]', context: path.resolve(process.cwd(), 'src') },
        ],
      }),
    ],
  };
};

export default config;
