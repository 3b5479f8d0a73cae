/** A small SSE reader for `logs` and `tail`: calls back once per complete frame. */
export interface SseFrame {
  event: string;
  data: string;
}

export async function readSse(
  url: string,
  token: string | undefined,
  onFrame: (frame: SseFrame) => "stop" | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers, signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (!response.body) throw new Error("No response body");
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  const data: string[] = [];
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
      if (line === "") {
        if (data.length > 0 && onFrame({ event, data: data.join("\n") }) === "stop") {
          await response.body.cancel().catch(() => {});
          return;
        }
        event = "message";
        data.length = 0;
      } else if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
  }
}
