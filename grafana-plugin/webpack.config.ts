// Extends the scaffolded webpack config (left as generated in .config/) with one thing: the dashboards in the
// repository's dashboards/ folder are bundled into dist/dashboards, where plugin.json's includes point.
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
        patterns: [{ from: path.resolve(process.cwd(), '..', 'dashboards', '*.json'), to: 'dashboards/[name][ext]' }],
      }),
    ],
  };
};

export default config;
