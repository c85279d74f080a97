/** Modules the tests use that ship no type declarations. */
declare module '@tarojs/components-react/dist/components/*/index.js' {
  import type { ComponentType } from 'react';
  const Component: ComponentType<any>;
  export default Component;
}

declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
