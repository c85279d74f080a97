declare module 'miniprogram-compiler' {
  interface CompilerOptions {
    wxmlList?: string[];
    wxsList?: string[];
    wxssList?: string[];
    maxBuffer?: number;
  }
  /** Runs WeChat's wcc over the project's .wxml files; returns a function body ending in `return $gwx`. */
  export function wxmlToJs(rootPath: string, options?: CompilerOptions): string;
  /** Runs WeChat's wcsc over the project's .wxss files; returns a function body. */
  export function wxssToJs(rootPath: string, options?: CompilerOptions): string;
}
