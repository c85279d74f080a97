import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const root = path.resolve(__dirname, '..');

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhiwei-lianxidian',
    date: '2026-11-23',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      // The CloudBase environment id the mini-program calls; set at build time for a real deployment.
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
    },
    alias: {
      '@core': path.join(root, 'core'),
      '@': path.join(root, 'src'),
    },
    copy: { patterns: [{ from: 'src/assets/', to: `dist/${process.env.TARO_ENV ?? 'weapp'}/assets/` }], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // The platform-free core lives outside src/ and is compiled like app code.
      compile: { include: [path.join(root, 'core')] },
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [path.join(root, 'core')] },
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return mode === 'production' ? merge({}, baseConfig, { env: { NODE_ENV: '"production"' } }) : merge({}, baseConfig, { env: { NODE_ENV: '"development"' } });
});
