/** One `npm test`: node-side tests, component tests in jsdom, and the browser journey in Chromium. */
const path = require('node:path');

const transform = { '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }], '^.+\\.mjs$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }] };
const aliases = { '^@core/(.*)$': '<rootDir>/core/$1', '^@/(.*)$': '<rootDir>/src/$1' };

module.exports = {
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{core,server,functions,weapp}/**/*.test.ts'],
      transform,
      moduleNameMapper: aliases,
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      transform,
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil)/)'],
      moduleNameMapper: {
        ...aliases,
        '^@tarojs/components$': '<rootDir>/test/support/taro-components.ts',
        '^@tarojs/taro$': '<rootDir>/test/support/taro-double.ts',
        '\\.css$': '<rootDir>/test/support/style-stub.ts',
      },
      globals: { ENABLE_INNER_HTML: true, ENABLE_ADJACENT_HTML: true, ENABLE_SIZE_APIS: false, ENABLE_TEMPLATE_CONTENT: true, ENABLE_CLONE_NODE: true, ENABLE_CONTAINS: true, ENABLE_MUTATION_OBSERVER: false, CLOUD_ENV: '' },
    },
    {
      // The real dist/weapp in miniprogram-simulate; its renderer needs a DOM, the local host needs Node's exports.
      displayName: 'weapp-render',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/test/weapp-render/**/*.test.ts'],
      transform,
      // The build's own files run as WeChat would run them, untransformed.
      transformIgnorePatterns: ['/node_modules/', '/dist/'],
      moduleNameMapper: aliases,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      transform,
      moduleNameMapper: aliases,
    },
  ],
};
