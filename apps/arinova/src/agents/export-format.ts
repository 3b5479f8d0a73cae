/**
 * The two export renderings (rest.md §5 export). Dates in the Markdown use the en-US format the
 * original's server locale produced, in UTC (its container's zone), so output does not depend
 * on where this server runs.
 */
import type { ExportedConversation } from "./history.ts";

export function exportJson(agentName: string, conversations: ExportedConversation[], now: Date) {
  return {
    agent: agentName,
    exportedAt: now,
    conversations: conversations.map((conversation) => ({
      conversationId: conversation.conversationId,
      title: conversation.title,
      createdAt: conversation.createdAt,
      messages: conversation.messages.map((m) => ({
        role: m.role,
        content: m.content,
        status: m.status,
        createdAt: m.createdAt,
      })),
    })),
  };
}

const localeOptions = { timeZone: "UTC" } as const;

export function exportMarkdown(agentName: string, conversations: ExportedConversation[]): string {
  let out = `# Chat Export: ${agentName}\n\n`;
  for (const conversation of conversations) {
    const date = conversation.createdAt.toLocaleDateString("en-US", localeOptions);
    out += `## ${conversation.title || "Untitled"} (${date})\n\n`;
    for (const message of conversation.messages) {
      const author = message.role === "user" ? "You" : agentName;
      const time = message.createdAt.toLocaleTimeString("en-US", localeOptions);
      out += `**${author}** [${time}]\n${message.content}\n\n`;
    }
    out += "---\n\n";
  }
  return out;
}

/**
 * `attachment; filename="<name>-export.<ext>"` with the name as is, as the original wrote it.
 * A name a header cannot carry (non-Latin-1, quotes, control characters) made the original
 * fail; here it gets an ASCII fallback plus the RFC 5987 `filename*` form.
 */
export function attachmentDisposition(agentName: string, extension: string): string {
  const fileName = `${agentName}-export.${extension}`;
  if (/^[\x20-\x7e]*$/.test(fileName) && !fileName.includes('"')) return `attachment; filename="${fileName}"`;
  const fallback = fileName.replace(/[^\x20-\x7e]|"/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
