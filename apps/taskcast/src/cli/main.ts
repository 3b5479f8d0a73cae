/** Entry of the `taskcast` bin (bin/taskcast runs this with Bun). */
import { createProgram } from "./program.ts";

await createProgram().parseAsync(process.argv);
