/** Modules the tests use that ship no type declarations. */
declare module '@tarojs/components-react/dist/components/*/index.js' {
  import type { ComponentType } from 'react';
  const Component: ComponentType<any>;
  export default Component;
}

declare module 'pngjs' {
  interface Image {
    width: number;
    height: number;
    data: Buffer;
  }
  export const PNG: {
    new (options: { width: number; height: number }): Image;
    sync: { read(buffer: Buffer): Image; write(image: Image): Buffer };
  };
}
