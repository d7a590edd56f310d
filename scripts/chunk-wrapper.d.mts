// Types for chunk-wrapper.mjs, which the build (plain JavaScript) and the loader's tests share.
export declare const CHUNK_HEAD: string;
export declare const CHUNK_TAIL: string;
export declare function wrapChunk(code: string, map?: string): { code: string; map?: string };
