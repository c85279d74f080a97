/// <reference types="@tarojs/taro" />
/// <reference types="miniprogram-api-typings" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Set by config/index.ts at build time. */
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'harmony-hybrid';
  }
}
