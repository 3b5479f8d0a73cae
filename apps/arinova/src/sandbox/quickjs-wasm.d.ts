// Bun's `with { type: "file" }` import yields the path of the file (embedded by
// `bun build --compile`); TypeScript has no typing for a package export that points at a .wasm.
declare module "@jitl/quickjs-wasmfile-release-sync/wasm" {
  const path: string;
  export default path;
}
