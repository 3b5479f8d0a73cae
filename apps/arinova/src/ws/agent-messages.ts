/** Agent → server frames on /ws/agent (websocket.md §1, §3), parsed once here. */
import { z } from "zod";

export const agentMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("agent_auth"),
    botToken: z.string().min(1),
    skills: z
      .array(z.object({ id: z.string().min(1), name: z.string().min(1), description: z.string() }))
      .optional(),
  }),
  z.object({ type: z.literal("agent_chunk"), taskId: z.string(), chunk: z.string() }),
  z.object({ type: z.literal("agent_complete"), taskId: z.string(), content: z.string() }),
  z.object({ type: z.literal("agent_error"), taskId: z.string(), error: z.string() }),
  z.object({ type: z.literal("ping") }),
]);

export type AgentMessage = z.infer<typeof agentMessage>;

/** Undefined for frames the original only logged (bad JSON, wrong shape). */
export function parseAgentFrame(text: string): AgentMessage | undefined {
  try {
    const parsed = agentMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const authOk = (agentName: string): string => JSON.stringify({ type: "auth_ok", agentName });
export const authError = (error: string): string => JSON.stringify({ type: "auth_error", error });

export interface TaskFrame {
  taskId: string;
  conversationId: string;
  content: string;
}

export const taskFrame = (task: TaskFrame): string =>
  JSON.stringify({
    type: "task",
    taskId: task.taskId,
    conversationId: task.conversationId,
    content: task.content,
  });
