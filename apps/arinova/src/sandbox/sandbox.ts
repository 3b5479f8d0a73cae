/**
 * The sandbox as the routes use it: validated code in, the contract's result out. Loads the
 * QuickJS module on first use.
 */
import type { QuickJSWASMModule } from "quickjs-emscripten";
import { type ExecutionResult, executeJavaScript } from "./executor.ts";
import type { SandboxLimits } from "./limits.ts";
import { loadQuickJS } from "./quickjs-module.ts";

export interface Sandbox {
  execute(code: string): Promise<ExecutionResult>;
}

export function quickJsSandbox(
  limits: SandboxLimits,
  load: () => Promise<QuickJSWASMModule> = loadQuickJS,
): Sandbox {
  return {
    async execute(code) {
      return executeJavaScript(await load(), code, limits);
    },
  };
}
