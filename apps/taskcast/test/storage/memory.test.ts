import {
  MemoryBroadcast,
  MemoryLongTermStore,
  MemoryShortTermStore,
} from "../../src/storage/memory/index.ts";
import { runBroadcastContract, runLongTermContract, runShortTermContract } from "./contract.ts";

runShortTermContract("memory", async () => ({ store: new MemoryShortTermStore() }));
runLongTermContract("memory", async () => ({ store: new MemoryLongTermStore() }));
runBroadcastContract("memory", async () => ({ store: new MemoryBroadcast() }));
