/**
 * The QuickJS WebAssembly module, loaded once per process. Runtimes and contexts are cheap and
 * created per execution; the compiled module is shared.
 *
 * The .wasm is imported as a file and handed to Emscripten as bytes, because
 * `bun build --compile` embeds files imported this way but not ones Emscripten would look up
 * on disk at run time.
 */
import wasmPath from "@jitl/quickjs-wasmfile-release-sync/wasm" with { type: "file" };
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from "quickjs-emscripten";

let loading: Promise<QuickJSWASMModule> | undefined;

export function loadQuickJS(): Promise<QuickJSWASMModule> {
  loading ??= (async () => {
    const wasmBinary = await Bun.file(wasmPath).arrayBuffer();
    return newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmBinary }));
  })();
  // A failed load is not cached, so a transient read error does not disable the sandbox.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
