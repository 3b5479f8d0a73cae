/** The texts the pipeline produces itself (websocket.md §3.4, §4.1 step 5). */

/** What the agent receives: the user's text, behind the agent's system prompt when it has one. */
export function taskContent(systemPrompt: string | null, content: string): string {
  if (!systemPrompt) return content;
  return `[System Prompt]\n${systemPrompt}\n\n[User Message]\n${content}`;
}

const setupCommand = (token: string): string => `openclaw arinova-setup --token ${token}`;

/** Stored as the agent's message when nobody is connected for it. */
export function notConnectedMessage(name: string, token: string): string {
  return (
    `**${name}** is not connected yet. An AI agent needs to connect to this bot before it can respond.` +
    `\n\nCopy the **Bot Token** from bot settings, then run:\n\`\`\`\n${setupCommand(token)}\n\`\`\``
  );
}

/** Sent as the `stream_error` for the same case; the original worded it differently. */
export function notConnectedError(name: string, token: string): string {
  return `${name} is not connected. Copy the Bot Token from bot settings and run: ${setupCommand(token)}`;
}

export const ERRORS = {
  cancelled: "Stream cancelled",
  disconnected: "Agent disconnected",
  timedOut: "Task timed out (idle for 600s)",
  notConnected: "Agent not connected",
  /** Ours: the instance streaming it stopped (restart, crash) before the agent finished. */
  interrupted: "Stream interrupted",
} as const;
